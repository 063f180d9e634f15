// Policy over real connections: PORT/EPRT targets, passive ports, foreign data connections,
// read-only sessions, confinement to the share, client-safe replies, timeouts and caps.
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { python } from '../helpers/ftp-clients.js';
import { startFtpHarness } from '../helpers/ftp-harness.js';
import type { FtpHarness } from '../helpers/ftp-harness.js';

describe('on a writable share', () => {
  let h: FtpHarness;
  let passiveMin: number;
  beforeAll(async () => {
    // 200 ports below Linux's ephemeral range; random base so parallel runs rarely overlap.
    passiveMin = 20000 + Math.floor(Math.random() * 9000);
    h = await startFtpHarness({ passivePorts: { min: passiveMin, max: passiveMin + 199 } });
    await writeFile(path.join(h.base, 'outside.txt'), 'outside secret');
    await mkdir(path.join(h.base, 'outside-dir'));
    await writeFile(path.join(h.base, 'outside-dir', 'secret.txt'), 'secret');
    await writeFile(path.join(h.root, 'in.txt'), 'inside');
    await symlink('../outside.txt', path.join(h.root, 'out-link'));
    await symlink(path.join(h.base, 'outside-dir'), path.join(h.root, 'out-dir'));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses PORT/EPRT to another address or a privileged port, and keeps the session', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
res['port_foreign'] = err(f.sendcmd, 'PORT 10,1,2,3,39,16')
res['port_low'] = err(f.sendcmd, 'PORT 127,0,0,1,0,21')
res['port_bad'] = err(f.sendcmd, 'PORT 127,0,0,1,39')
res['eprt_foreign'] = err(f.sendcmd, 'EPRT |1|192.168.1.1|5000|')
res['eprt_low'] = err(f.sendcmd, 'EPRT |1|127.0.0.1|80|')
res['eprt_v6_foreign'] = err(f.sendcmd, 'EPRT |2|::1|5000|')
res['eprt_bad'] = err(f.sendcmd, 'EPRT |9|x|y|')
res['after'] = err(f.retrbinary, 'RETR in.txt', lambda d: None)
res['port_own'] = f.sendcmd('PORT 127,0,0,1,39,16')
out(res)
`);
    expect(r.port_foreign).toMatch(/^504 PORT may only name your own address/);
    expect(r.port_low).toMatch(/^504 PORT to a port below 1024/);
    expect(r.port_bad).toMatch(/^501/);
    expect(r.eprt_foreign).toMatch(/^504/);
    expect(r.eprt_low).toMatch(/^504/);
    expect(r.eprt_v6_foreign).toMatch(/^504/);
    expect(r.eprt_bad).toMatch(/^501/);
    expect(r.after).toMatch(/^OK 226/);
    expect(r.port_own).toMatch(/^200/);
  });

  it('hands out passive ports at random within the range', async () => {
    const r = await python<{ pasv: number[]; epsv: number[]; data: string }>(h, `
import re
f = connect()
pasv = []
for i in range(8):
    resp = f.sendcmd('PASV')
    nums = [int(x) for x in re.search(r'\\((\\d+,\\d+,\\d+,\\d+,\\d+,\\d+)\\)', resp).group(1).split(',')]
    pasv.append(nums[4] * 256 + nums[5])
epsv = []
for i in range(8):
    epsv.append(int(re.search(r'\\|\\|\\|(\\d+)\\|', f.sendcmd('EPSV')).group(1)))
b = io.BytesIO(); f.retrbinary('RETR in.txt', b.write)
out({'pasv': pasv, 'epsv': epsv, 'data': b.getvalue().decode()})
`);
    const ports = [...r.pasv, ...r.epsv];
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(passiveMin);
      expect(p).toBeLessThanOrEqual(passiveMin + 199);
    }
    const sequential = ports.slice(1).filter((p, i) => p === ports[i]! + 1).length;
    expect(sequential).toBeLessThan(3);
    expect(r.data).toBe('inside');
  });

  it('drops a passive connection from a foreign address without ending the owner session', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
host, port = f.makepasv()
intruder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
intruder.bind(('127.0.0.2', 0))
intruder.settimeout(5)
intruder.connect((host, port))
try:
    res['intruder'] = repr(intruder.recv(100))
except OSError as e:
    res['intruder'] = 'reset'
res['noop'] = f.sendcmd('NOOP')
legit = socket.create_connection((host, port), timeout=5)
f.putcmd('RETR in.txt')
res['150'] = f.getresp()
chunks = []
while True:
    d = legit.recv(65536)
    if not d: break
    chunks.append(d)
res['226'] = f.getresp()
res['data'] = b''.join(chunks).decode()
out(res)
`);
    expect(['reset', "b''"]).toContain(r.intruder);
    expect(r.noop).toMatch(/^200/);
    expect(r['150']).toMatch(/^150/);
    expect(r['226']).toMatch(/^226/);
    expect(r.data).toBe('inside');
    expect(h.logs.some((l) => l.includes('refused a data connection from 127.0.0.2'))).toBe(true);
  });

  it('confines every path to the share: .., absolute local paths and symlinks pointing out', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
def retr(p):
    b = io.BytesIO()
    r = err(f.retrbinary, 'RETR ' + p, b.write)
    return r + ' ' + b.getvalue().decode()
res['cwd_up'] = f.sendcmd('CWD ../../..')
res['pwd'] = f.pwd()
res['dotdot'] = retr('../outside.txt')
res['dotdot2'] = retr('/../../outside.txt')
res['backslash'] = retr('..\\\\outside.txt')
res['etc'] = retr('/etc/passwd')
res['link'] = retr('out-link')
res['linkdir'] = retr('out-dir/secret.txt')
res['cwd_link'] = err(f.sendcmd, 'CWD out-dir')
res['size_link'] = err(f.sendcmd, 'SIZE out-link')
res['mlst_link'] = err(f.sendcmd, 'MLST out-dir')
res['list_link'] = err(f.retrlines, 'LIST out-dir', lambda l: None)
res['stor_link'] = err(f.storbinary, 'STOR out-dir/new.txt', io.BytesIO(b'x'))
res['mkd_link'] = err(f.sendcmd, 'MKD out-dir/newdir')
res['dele_link'] = err(f.sendcmd, 'DELE out-dir/secret.txt')
res['mfmt_link'] = err(f.sendcmd, 'MFMT 20000101000000 out-link')
f.sendcmd('RNFR in.txt')
res['rnto_out'] = err(f.sendcmd, 'RNTO out-dir/moved.txt')
names = []
f.retrlines('NLST', names.append)
res['nlst'] = ','.join(sorted(names))
out(res)
`);
    expect(r.cwd_up).toMatch(/^250/);
    expect(r.pwd).toBe('/');
    for (const key of ['dotdot', 'dotdot2', 'backslash', 'etc', 'link', 'linkdir', 'cwd_link', 'size_link', 'mlst_link', 'list_link', 'stor_link', 'mkd_link', 'dele_link', 'mfmt_link', 'rnto_out']) {
      expect(r[key], key).toMatch(/^55\d/);
      expect(r[key], key).not.toContain('secret');
    }
    // Links out of the share are left out of listings.
    expect(r.nlst).toBe('in.txt');
    expect(await readFile(path.join(h.base, 'outside-dir', 'secret.txt'), 'utf8')).toBe('secret');
    await expect(stat(path.join(h.base, 'outside-dir', 'new.txt'))).rejects.toThrow();
    await expect(stat(path.join(h.base, 'outside-dir', 'newdir'))).rejects.toThrow();
    await expect(stat(path.join(h.base, 'outside-dir', 'moved.txt'))).rejects.toThrow();
    expect((await stat(path.join(h.base, 'outside.txt'))).mtimeMs).toBeGreaterThan(Date.UTC(2001, 0, 1));
  });

  it('never puts a local path in a reply', async () => {
    const r = await python<string[]>(h, `
f = connect()
res = []
for cmd in ['SIZE nope', 'MDTM nope', 'CWD nope', 'DELE nope', 'RMD nope', 'RNFR nope', 'MKD in.txt', 'RMD in.txt', 'MLST nope', 'SIZE out-link', 'CWD out-dir', 'MKD newdir', 'PWD', 'STAT nope', 'STAT']:
    res.append(err(f.sendcmd, cmd))
res.append(err(f.retrbinary, 'RETR nope', lambda d: None))
res.append(err(f.retrlines, 'LIST nope', lambda l: None))
res.append(err(f.storbinary, 'STOR nodir/x.txt', io.BytesIO(b'x')))
out(res)
`);
    const tmpRoot = path.dirname(h.base);
    for (const reply of r) {
      expect(reply).not.toContain(h.base);
      expect(reply).not.toContain(tmpRoot);
    }
    expect(r[11]).toBe('OK 257 "/newdir" created');
  });
});

describe('on a read-only session', () => {
  let h: FtpHarness;
  beforeAll(async () => {
    h = await startFtpHarness({ readOnly: true });
    await mkdir(path.join(h.root, 'dir'));
    await writeFile(path.join(h.root, 'keep.txt'), 'keep');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every change and still serves reads', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
res['stor'] = err(f.storbinary, 'STOR new.txt', io.BytesIO(b'x'))
res['stor_over'] = err(f.storbinary, 'STOR keep.txt', io.BytesIO(b'x'))
res['appe'] = err(f.storbinary, 'APPE keep.txt', io.BytesIO(b'x'))
res['stou'] = err(f.storbinary, 'STOU', io.BytesIO(b'x'))
res['dele'] = err(f.sendcmd, 'DELE keep.txt')
res['mkd'] = err(f.sendcmd, 'MKD d2')
res['rmd'] = err(f.sendcmd, 'RMD dir')
res['rnfr'] = err(f.sendcmd, 'RNFR keep.txt')
res['mfmt'] = err(f.sendcmd, 'MFMT 20000101000000 keep.txt')
b = io.BytesIO(); f.retrbinary('RETR keep.txt', b.write); res['retr'] = b.getvalue().decode()
res['mlsd'] = ','.join(sorted(fa['perm'] for n, fa in f.mlsd()))
res['noop'] = f.sendcmd('NOOP')
out(res)
`);
    for (const key of ['stor', 'stor_over', 'appe', 'stou', 'dele', 'mkd', 'rmd', 'rnfr', 'mfmt']) {
      expect(r[key], key).toMatch(/^550 Read-only file system/);
    }
    expect(r.retr).toBe('keep');
    expect(r.mlsd).toBe('el,r');
    expect(r.noop).toMatch(/^200/);
    expect(await readFile(path.join(h.root, 'keep.txt'), 'utf8')).toBe('keep');
    await expect(stat(path.join(h.root, 'new.txt'))).rejects.toThrow();
    expect((await stat(path.join(h.root, 'keep.txt'))).mtimeMs).toBeGreaterThan(Date.UTC(2001, 0, 1));
  });
});

describe('on a read-only share', () => {
  it('refuses uploads when the Vfs itself is read-only', async () => {
    const h = await startFtpHarness({ vfsOptions: { readOnly: true } });
    try {
      const r = await python<string[]>(h, `
f = connect()
out([err(f.storbinary, 'STOR x.txt', io.BytesIO(b'x')), err(f.sendcmd, 'MKD d')])
`);
      expect(r).toEqual([expect.stringMatching(/^550 Read-only/), expect.stringMatching(/^550 Read-only/)]);
      await expect(stat(path.join(h.root, 'x.txt'))).rejects.toThrow();
    } finally {
      await h.close();
    }
  });
});

describe('timeouts and caps', () => {
  let h: FtpHarness;
  beforeAll(async () => {
    h = await startFtpHarness({ limits: { idleMs: 600, dataIdleMs: 600, maxConnectionsPerIp: 2 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('closes an idle control connection with 421', async () => {
    const r = await python<string>(h, `
f = connect()
time.sleep(1.2)
out(err(f.sendcmd, 'NOOP'))
`);
    expect(r).toMatch(/^421 Timeout/);
  });

  it('drops an idle data connection with 426 and keeps the session', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
conn = f.transfercmd('STOR idle.txt')
conn.sendall(b'partial')
time.sleep(1.2)
res['stor'] = err(f.getresp)
res['noop'] = f.sendcmd('NOOP')
out(res)
`);
    expect(r.stor).toBe('426 Data connection timed out');
    expect(r.noop).toMatch(/^200/);
    // The bytes that did arrive are kept.
    expect(await readFile(path.join(h.root, 'idle.txt'), 'utf8')).toBe('partial');
  });

  it('refuses connections over the per-address cap, and counts closed ones out', async () => {
    const r = await python<Record<string, string>>(h, `
res = {}
a = connect(login=False)
b = connect(login=False)
res['third'] = err(connect, False, False)
a.quit(); b.quit()
time.sleep(0.2)
c = connect(login=False)
res['after'] = c.getwelcome()
out(res)
`);
    expect(r.third).toMatch(/^421 Too many connections from your address/);
    expect(r.after).toMatch(/^220/);
  });
});

describe('connection cap', () => {
  it('refuses connections over the server-wide cap', async () => {
    const h = await startFtpHarness({ limits: { maxConnections: 1 } });
    try {
      const r = await python<string>(h, `
a = connect(login=False)
out(err(connect, False, False))
`);
      expect(r).toMatch(/^421 Too many connections, try again later/);
    } finally {
      await h.close();
    }
  });
});

describe('robustness', () => {
  it('survives garbage, NUL bytes, invalid UTF-8 and over-long lines on the control connection', async () => {
    const h = await startFtpHarness();
    try {
      const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
s = f.sock
def raw(data):
    s.sendall(data)
    return f.getline()
res['nul'] = raw(b'SIZE a\\x00b\\r\\n')
res['utf8'] = raw(b'MKD \\xff\\xfe\\xc3(\\r\\n')
res['long'] = raw(b'NOOP ' + b'x' * 70000 + b'\\r\\n')
res['empty'] = raw(b'\\r\\n')
res['binary'] = raw(bytes(range(1, 9)) + b'\\r\\n')
res['split'] = (s.sendall(b'NO'), time.sleep(0.05), raw(b'OP\\r\\n'))[2]
res['noop'] = f.sendcmd('NOOP')
out(res)
`);
      expect(r.nul).toMatch(/^553 Path contains a NUL/);
      expect(r.utf8).toMatch(/^257/);
      expect(r.long).toMatch(/^500 Command line too long/);
      expect(r.empty).toMatch(/^500/);
      expect(r.binary).toMatch(/^502/);
      expect(r.split).toMatch(/^200/);
      expect(r.noop).toMatch(/^200/);
    } finally {
      await h.close();
    }
  });

  it('ABOR during an upload answers 426 then 226 and keeps what arrived', async () => {
    const h = await startFtpHarness();
    try {
      const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
conn = f.transfercmd('STOR up.bin')
conn.sendall(b'z' * 100000)
time.sleep(0.3)
res['abort'] = f.abort()
res['after'] = err(f.getresp)
conn.close()
res['size'] = str(f.size('up.bin'))
out(res)
`);
      expect(r.abort).toMatch(/^426/);
      expect(r.after).toMatch(/^OK 226/);
      expect(r.size).toBe('100000');
    } finally {
      await h.close();
    }
  });

  it('close() interrupts a running upload, lets the file close with what arrived, then resolves', async () => {
    const h = await startFtpHarness();
    try {
      const client = python<string>(h, `
f = connect()
conn = f.transfercmd('STOR during-close.bin')
conn.sendall(b'y' * 50000)
out(err(f.getresp))
`);
      // Give the bytes time to reach the file; the client then waits for a reply that only close() sends.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const started = Date.now();
      await h.server.close();
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await readFile(path.join(h.root, 'during-close.bin'))).length).toBe(50000);
      expect(await client).toMatch(/^(426|421)/);
    } finally {
      await h.close();
    }
  });
});
