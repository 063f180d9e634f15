// One test per ftp-srv defect listed in PITFALLS.md: each runs the same check against ftp-srv 4.6.3
// as shipped (its own FileSystem and handlers) and against Wharf, and expects the defect in the
// first and not in the second. If ftp-srv ever fixes one, its half fails and says so.
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FTP_LIMITS } from '../../src-main/servers/ftp/index.js';
import { python } from '../helpers/ftp-clients.js';
import type { PyTarget } from '../helpers/ftp-clients.js';
import { fastTempParent, startFtpHarness } from '../helpers/ftp-harness.js';
import type { FtpHarness } from '../helpers/ftp-harness.js';
import { startStockFtpSrv } from '../helpers/ftp-stock.js';
import type { StockFtpServer } from '../helpers/ftp-stock.js';

interface Target extends PyTarget {
  /** The served folder. */
  readonly root: string;
}

let stockBase: string;
let stock: StockFtpServer;
let ours: FtpHarness;
let passiveMin: number;

beforeAll(async () => {
  passiveMin = 20000 + Math.floor(Math.random() * 9000);
  stockBase = await mkdtemp(path.join(fastTempParent(), 'wharf-ftpsrv-'));
  await mkdir(path.join(stockBase, 'share'));
  stock = await startStockFtpSrv(path.join(stockBase, 'share'), { min: passiveMin, max: passiveMin + 199 });
  ours = await startFtpHarness({ passivePorts: { min: passiveMin + 200, max: passiveMin + 399 }, parent: fastTempParent() });
});
afterAll(async () => {
  await stock?.close();
  await ours?.close();
  await rm(stockBase, { recursive: true, force: true });
});

/** Runs `check` against ftp-srv and Wharf, each with a fresh folder `name` inside its share. */
async function both<T>(name: string, check: (t: Target, dir: string) => Promise<T>): Promise<{ stock: T; ours: T }> {
  const run = async (t: Target) => {
    const dir = path.join(t.root, name);
    await mkdir(dir);
    return check(t, dir);
  };
  return {
    stock: await run({ host: stock.host, port: stock.port, root: stock.root }),
    ours: await run({ host: ours.host, port: ours.port, root: ours.root }),
  };
}

describe('ftp-srv defects, fixed in Wharf', () => {
  it('follows symlinks out of the root', async () => {
    const r = await both('links', async (t, dir) => {
      const secret = path.join(path.dirname(t.root), 'secret.txt');
      await writeFile(secret, 'top secret');
      await symlink(secret, path.join(dir, 'escape'));
      return python<string>(t, `
f = connect()
b = io.BytesIO()
r = err(f.retrbinary, 'RETR links/escape', b.write)
out(b.getvalue().decode() or r)
`);
    });
    expect(r.stock).toBe('top secret');
    expect(r.ours).toMatch(/^550/);
  });

  it('truncates on REST+STOR, so a resumed upload gets a zeroed prefix', async () => {
    const r = await both('resume', async (t, dir) => {
      await writeFile(path.join(dir, 'f.txt'), 'abcdef');
      await python(t, `
f = connect()
f.storbinary('STOR resume/f.txt', io.BytesIO(b'XYZ'), rest=3)
out(1)
`);
      return readFile(path.join(dir, 'f.txt'), 'latin1');
    });
    expect(r.stock).toBe('\0\0\0XYZ');
    expect(r.ours).toBe('abcXYZ');
  });

  it('deletes the file when an upload fails', async () => {
    const r = await both('failed', async (t, dir) => {
      await writeFile(path.join(dir, 'keep.txt'), 'original');
      await python(t, `
import struct
f = connect()
conn = f.transfercmd('APPE failed/keep.txt')
conn.sendall(b'-more')
time.sleep(0.3)
conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
conn.close()  # a reset, as when a client crashes or a link drops
err(f.getresp)
time.sleep(0.3)
out(1)
`);
      return readFile(path.join(dir, 'keep.txt'), 'utf8').catch(() => 'deleted');
    });
    expect(r.stock).toBe('deleted');
    expect(r.ours.startsWith('original')).toBe(true);
  });

  it('loads whole directories for LIST before sending anything', async () => {
    const r = await both('big', async (t, dir) => {
      for (let i = 0; i < 6_000; i++) closeSync(openSync(path.join(dir, `entry-${i}`), 'w'));
      // Time to the first listing byte, as a share of the whole listing time; the best of three
      // runs, so a busy machine does not blur the difference.
      return python<number>(t, `
f = connect()
ratios = []
for i in range(3):
    host, port = f.makepasv()
    d = socket.create_connection((host, port))
    t0 = time.time()
    f.putcmd('LIST big')
    f.getresp()
    first = d.recv(65536)
    t_first = time.time() - t0
    while d.recv(1 << 20): pass
    t_all = time.time() - t0
    d.close()
    f.getresp()
    ratios.append(t_first / t_all)
out(min(ratios))
`);
    });
    expect(r.stock).toBeGreaterThan(0.4);
    expect(r.ours).toBeLessThan(0.2);
  });

  it('closes the owner control connection when a foreign address connects to its passive port', async () => {
    const r = await both('foreign', (t) =>
      python<string>(t, `
f = connect()
host, port = f.makepasv()
intruder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
intruder.bind(('127.0.0.2', 0))
intruder.connect((host, port))
time.sleep(0.3)
out(err(f.sendcmd, 'NOOP') + ' / ' + err(f.sendcmd, 'NOOP'))
`),
    );
    expect(r.stock).not.toMatch(/^OK 200.* \/ OK 200/);
    expect(r.ours).toMatch(/^OK 200.* \/ OK 200/);
  });

  it('hands out passive ports in sequence', async () => {
    const r = await both('ports', (t) =>
      python<number>(t, `
ports = []
f = connect()
for i in range(8):
    ports.append(f.makepasv()[1])
out(sum(1 for a, b in zip(ports, ports[1:]) if b == a + 1))
`),
    );
    expect(r.stock).toBe(7);
    expect(r.ours).toBeLessThan(3);
  });

  it('puts local paths in its replies', async () => {
    const r = await both('paths', (t) =>
      python<string>(t, `
f = connect()
out(err(f.sendcmd, 'SIZE paths/nope') + ' | ' + err(f.sendcmd, 'MKD paths/new'))
`),
    );
    expect(r.stock).toContain(stock.root);
    expect(r.ours).not.toContain(path.dirname(ours.root));
    expect(r.ours).toBe('550 No such file or directory | OK 257 "/paths/new" created');
  });

  it('has no MLSD, MLST or MFMT', async () => {
    const r = await both('mlsx', async (t, dir) => {
      await writeFile(path.join(dir, 'a.txt'), 'a');
      const replies = await python<string[]>(t, `
f = connect()
out([err(lambda: list(f.mlsd('mlsx'))), err(f.sendcmd, 'MLST mlsx/a.txt'), err(f.sendcmd, 'MFMT 20000101000000 mlsx/a.txt')])
`);
      return { replies, mtime: (await stat(path.join(dir, 'a.txt'))).mtimeMs };
    });
    expect(r.stock.replies.every((x) => x.startsWith('502'))).toBe(true);
    expect(r.ours.replies[0]).toContain("'a.txt'");
    expect(r.ours.replies[1]).toMatch(/^OK 250/);
    expect(r.ours.replies[2]).toMatch(/^OK 213/);
    expect(r.ours.mtime).toBe(Date.UTC(2000, 0, 1));
  });

  it('installs SIGTERM/SIGINT/SIGQUIT handlers that call process.exit', async () => {
    expect(stock.signalListenersAdded).toBe(3);
    const count = () => ['SIGTERM', 'SIGINT', 'SIGQUIT'].reduce((n, s) => n + process.listenerCount(s), 0);
    const before = count();
    const extra = await startFtpHarness();
    const during = count();
    await extra.close();
    expect(during).toBe(before);
  });

  it('lets PORT name a privileged port of the client', async () => {
    const r = await both('port21', (t) =>
      python<string>(t, `
f = connect()
out(err(f.sendcmd, 'PORT 127,0,0,1,0,21'))
`),
    );
    expect(r.stock).toMatch(/^OK 200/);
    expect(r.ours).toMatch(/^504/);
  });

  it('strips double quotes from every command line (found in its parser, not in PITFALLS)', async () => {
    const r = await both('quotes', async (t, dir) => {
      await python(t, `
f = connect()
f.sendcmd('MKD quotes/say "hi"')
out(1)
`);
      return (await readdir(dir)).join(',');
    });
    expect(r.stock).toBe('say hi');
    expect(r.ours).toBe('say "hi"');
  });
});

describe('ftp-srv has no timeouts, caps or failed-login limit by default', () => {
  let limited: FtpHarness;
  beforeAll(async () => {
    limited = await startFtpHarness({ limits: { idleMs: 700, maxConnectionsPerIp: 3 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  const script = `
res = {}
idle = connect()
conns = [connect(login=False) for i in range(2)]
res['fourth'] = err(connect, False, False)
for c in conns: c.close()
time.sleep(0.2)
f = connect(login=False)
res['logins'] = [err(f.login, 'alice', 'bad%d' % i)[:3] for i in range(4)]
time.sleep(1.0)
res['idle'] = err(idle.sendcmd, 'NOOP')[:3]
out(res)
`;

  it('caps connections per address, limits failed logins and closes idle sessions', async () => {
    const s = await python<{ fourth: string; logins: string[]; idle: string }>(stock, script);
    expect(s.fourth).toMatch(/^OK/);
    expect(s.logins).toEqual(['530', '530', '530', '530']);
    expect(s.idle).toBe('OK ');

    const o = await python<{ fourth: string; logins: string[]; idle: string }>(limited, script);
    expect(o.fourth).toMatch(/^421 Too many connections/);
    expect(o.logins.slice(0, 3)).toEqual(['530', '530', '421']);
    expect(o.idle).toBe('421');
    for (const value of Object.values(DEFAULT_FTP_LIMITS)) expect(Number.isFinite(value) && value > 0).toBe(true);
  });
});
