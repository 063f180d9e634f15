// Every command of issue 7 through Python's ftplib against a real Wharf FTP server on a temp folder.
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { python } from '../helpers/ftp-clients.js';
import { fastTempParent, startFtpHarness } from '../helpers/ftp-harness.js';
import type { FtpHarness } from '../helpers/ftp-harness.js';

let h: FtpHarness;
beforeAll(async () => {
  h = await startFtpHarness({ parent: fastTempParent() });
});
afterAll(async () => {
  await h?.close();
});

describe('session commands', () => {
  it('answers FEAT, SYST, NOOP, OPTS, HELP, STAT, TYPE, MODE, STRU and refuses work before login', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect(login=False)
res = {}
res['before'] = err(f.sendcmd, 'PWD')
res['feat'] = f.sendcmd('FEAT')
res['syst'] = f.sendcmd('SYST')
res['noop'] = f.sendcmd('NOOP')
res['utf8'] = f.sendcmd('OPTS UTF8 ON')
res['optsbad'] = err(f.sendcmd, 'OPTS FOO')
res['help'] = f.sendcmd('HELP')
res['helpretr'] = f.sendcmd('HELP RETR')
res['badpass'] = err(f.login, 'alice', 'wrong')
res['unknown'] = err(f.sendcmd, 'XYZZY')
f.login('alice', 'secret')
res['again'] = err(f.sendcmd, 'USER bob')
res['stat'] = f.sendcmd('STAT')
res['typea'] = f.sendcmd('TYPE A')
res['typei'] = f.sendcmd('TYPE I')
res['typex'] = err(f.sendcmd, 'TYPE E')
res['modes'] = f.sendcmd('MODE S')
res['modeb'] = err(f.sendcmd, 'MODE B')
res['struf'] = f.sendcmd('STRU F')
res['strur'] = err(f.sendcmd, 'STRU R')
res['allo'] = f.sendcmd('ALLO 100')
res['quit'] = f.quit()
out(res)
`);
    expect(r.before).toMatch(/^530/);
    for (const feature of ['MLSD', 'MLST type*;size*;modify*', 'MFMT', 'MDTM', 'SIZE', 'REST STREAM', 'UTF8', 'EPSV']) {
      expect(r.feat).toContain(`\n ${feature}`);
    }
    expect(r.feat).not.toContain('AUTH TLS');
    expect(r.syst).toBe('215 UNIX Type: L8');
    expect(r.noop).toMatch(/^200/);
    expect(r.utf8).toMatch(/^200/);
    expect(r.optsbad).toMatch(/^501/);
    expect(r.help).toMatch(/^214/);
    expect(r.help).toContain('MLSD');
    expect(r.helpretr).toBe('214 Syntax: RETR <path>');
    expect(r.badpass).toMatch(/^530 Login incorrect/);
    expect(r.unknown).toMatch(/^502/);
    expect(r.again).toMatch(/^530/);
    expect(r.stat).toMatch(/^211-/);
    expect(r.stat).toContain('Logged in as alice');
    expect(r.typea).toMatch(/^200/);
    expect(r.typei).toMatch(/^200/);
    expect(r.typex).toMatch(/^504/);
    expect(r.modes).toMatch(/^200/);
    expect(r.modeb).toMatch(/^504/);
    expect(r.struf).toMatch(/^200/);
    expect(r.strur).toMatch(/^504/);
    expect(r.allo).toMatch(/^202/);
    expect(r.quit).toMatch(/^221/);
  });

  it('closes the connection after three failed logins', async () => {
    const r = await python<string[]>(h, `
f = connect(login=False)
res = []
for i in range(3):
    res.append(err(f.login, 'alice', 'nope%d' % i))
res.append(err(f.sendcmd, 'NOOP'))
out(res)
`);
    expect(r.slice(0, 2)).toEqual(['530 Login incorrect.', '530 Login incorrect.']);
    expect(r[2]).toMatch(/^421/);
    expect(r[3]).not.toMatch(/^200/);
  });
});

describe('folders', () => {
  it('MKD, CWD, PWD, CDUP, RMD with quoted and spaced names, and the X* aliases', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
res['mkd'] = f.sendcmd('MKD dir one')
res['mkdq'] = f.sendcmd('MKD dir one/say "hi"')
res['cwd'] = f.sendcmd('CWD dir one')
res['pwd'] = f.sendcmd('PWD')
res['cwdq'] = f.sendcmd('CWD say "hi"')
res['xpwd'] = f.sendcmd('XPWD')
res['cdup'] = f.sendcmd('CDUP')
res['pwd2'] = f.pwd()
res['xcup'] = f.sendcmd('XCUP')
res['cwdmissing'] = err(f.sendcmd, 'CWD nowhere')
f.storbinary('STOR plain.txt', io.BytesIO(b'x'))
res['cwdfile'] = err(f.sendcmd, 'CWD plain.txt')
res['rmdfull'] = err(f.sendcmd, 'RMD dir one')
res['rmd'] = f.sendcmd('RMD dir one/say "hi"')
res['xrmd'] = f.sendcmd('XRMD /dir one')
res['xmkd'] = f.sendcmd('XMKD x')
res['cwdroot'] = f.sendcmd('CWD')
res['pwdroot'] = f.pwd()
out(res)
`);
    expect(r.mkd).toBe('257 "/dir one" created');
    expect(r.mkdq).toBe('257 "/dir one/say ""hi""" created');
    expect(r.cwd).toMatch(/^250/);
    expect(r.pwd).toBe('257 "/dir one" is the current directory');
    expect(r.xpwd).toBe('257 "/dir one/say ""hi""" is the current directory');
    expect(r.pwd2).toBe('/dir one');
    expect(r.cwdmissing).toMatch(/^550/);
    expect(r.cwdfile).toMatch(/^550/);
    expect(r.rmdfull).toMatch(/^550/);
    expect(r.rmd).toMatch(/^250/);
    expect(r.xrmd).toMatch(/^250/);
    expect(r.xmkd).toBe('257 "/x" created');
    expect(r.pwdroot).toBe('/');
  });
});

describe('files', () => {
  it('STOR, RETR, APPE, STOU, SIZE, MDTM, MFMT, MLST, RNFR/RNTO, DELE', async () => {
    const r = await python<Record<string, string | number>>(h, `
f = connect()
res = {}
f.storbinary('STOR f.bin', io.BytesIO(b'0123456789'))
f.storbinary('APPE f.bin', io.BytesIO(b'abc'))
b = io.BytesIO(); f.retrbinary('RETR f.bin', b.write); res['content'] = b.getvalue().decode()
res['size'] = f.size('f.bin')
res['sizedir'] = err(f.sendcmd, 'SIZE /')
res['mfmt'] = f.sendcmd('MFMT 20200102030405 f.bin')
res['mfmtbad'] = err(f.sendcmd, 'MFMT 2020 f.bin')
res['mdtm'] = f.sendcmd('MDTM f.bin')
res['mlst'] = f.sendcmd('MLST f.bin')
res['stou1'] = f.storbinary('STOU u.txt', io.BytesIO(b'one'))
res['stou2'] = f.storbinary('STOU u.txt', io.BytesIO(b'two'))
res['rnto_alone'] = err(f.sendcmd, 'RNTO x')
res['rnfr'] = f.sendcmd('RNFR f.bin')
res['rnto'] = f.sendcmd('RNTO g.bin')
res['rnfr_missing'] = err(f.sendcmd, 'RNFR nothing')
res['rnfr2'] = f.sendcmd('RNFR g.bin')
f.sendcmd('NOOP')
res['rnto_late'] = err(f.sendcmd, 'RNTO h.bin')
res['dele'] = f.sendcmd('DELE g.bin')
res['dele_missing'] = err(f.sendcmd, 'DELE g.bin')
res['dele_dir'] = err(f.sendcmd, 'DELE /')
res['retr_missing'] = err(f.retrbinary, 'RETR g.bin', lambda d: None)
res['retr_dir'] = err(f.retrbinary, 'RETR /', lambda d: None)
f.quit()
out(res)
`);
    expect(r.content).toBe('0123456789abc');
    expect(r.size).toBe(13);
    expect(r.sizedir).toMatch(/^550/);
    expect(r.mfmt).toBe('213 Modify=20200102030405; f.bin');
    expect(r.mfmtbad).toMatch(/^501/);
    expect(r.mdtm).toBe('213 20200102030405');
    // The mode depends on the process umask on top of the share's (0o002).
    expect(r.mlst).toMatch(/^250-Listing\n type=file;size=13;modify=20200102030405;perm=rawdf;unix\.mode=06[46]4; \/f\.bin\n250 End$/);
    expect(r.stou1).toBe('226 Transfer complete (unique file name: /u.txt).');
    expect(r.stou2).toBe('226 Transfer complete (unique file name: /u.txt.1).');
    expect(r.rnto_alone).toMatch(/^503/);
    expect(r.rnfr).toMatch(/^350/);
    expect(r.rnto).toMatch(/^250/);
    expect(r.rnfr_missing).toMatch(/^550/);
    expect(r.rnto_late).toMatch(/^503/);
    expect(r.dele).toMatch(/^250/);
    expect(r.dele_missing).toMatch(/^550/);
    expect(r.dele_dir).toMatch(/^550/);
    expect(r.retr_missing).toMatch(/^550/);
    expect(r.retr_dir).toMatch(/^550/);
    expect(await readFile(path.join(h.root, 'u.txt'), 'utf8')).toBe('one');
    expect(await readFile(path.join(h.root, 'u.txt.1'), 'utf8')).toBe('two');
    await expect(stat(path.join(h.root, 'g.bin'))).rejects.toThrow();
  });

  it('MFMT sets the modification time on disk', async () => {
    await writeFile(path.join(h.root, 'm.txt'), 'm');
    await python(h, `
f = connect()
out(f.sendcmd('MFMT 19991231235959 m.txt'))
`);
    expect((await stat(path.join(h.root, 'm.txt'))).mtimeMs).toBe(Date.UTC(1999, 11, 31, 23, 59, 59));
  });

  it('resumes both ways: REST+RETR sends the tail, REST+STOR keeps the bytes before the offset', async () => {
    await writeFile(path.join(h.root, 'r.txt'), 'abcdefghij');
    await writeFile(path.join(h.root, 'partial.txt'), 'HELLO-garbage-tail');
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
b = io.BytesIO(); f.retrbinary('RETR r.txt', b.write, rest=4); res['tail'] = b.getvalue().decode()
b = io.BytesIO(); f.retrbinary('RETR r.txt', b.write, rest=10); res['end'] = b.getvalue().decode()
res['rest'] = f.sendcmd('REST 6')
res['restbad'] = err(f.sendcmd, 'REST -1')
f.sendcmd('REST 0')
f.storbinary('STOR partial.txt', io.BytesIO(b'-world'), rest=5)
out(res)
`);
    expect(r.tail).toBe('efghij');
    expect(r.end).toBe('');
    expect(r.rest).toBe('350 Restart position accepted (6).');
    expect(r.restbad).toMatch(/^501/);
    // Bytes before the offset are kept; the old tail past the new end is cut.
    expect(await readFile(path.join(h.root, 'partial.txt'), 'utf8')).toBe('HELLO-world');
  });

  it('STOR truncates an existing file', async () => {
    await writeFile(path.join(h.root, 't.txt'), 'a long old content');
    await python(h, `
f = connect()
f.storbinary('STOR t.txt', io.BytesIO(b'new'))
out(1)
`);
    expect(await readFile(path.join(h.root, 't.txt'), 'utf8')).toBe('new');
  });
});

describe('listings', () => {
  it('LIST, LIST -la, LIST <file>, NLST, MLSD and STAT <path>, following links inside the share', async () => {
    await mkdir(path.join(h.root, 'ls'));
    await writeFile(path.join(h.root, 'ls', 'one.txt'), '12345');
    await mkdir(path.join(h.root, 'ls', 'sub'));
    await symlink('one.txt', path.join(h.root, 'ls', 'link-to-one'));
    const r = await python<Record<string, unknown>>(h, `
f = connect()
res = {}
res['list'] = []; f.retrlines('LIST ls', res['list'].append)
res['listla'] = []; f.retrlines('LIST -la ls', res['listla'].append)
res['listfile'] = []; f.retrlines('LIST ls/one.txt', res['listfile'].append)
res['nlst'] = sorted(f.nlst('ls'))
res['mlsd'] = sorted([[n, fa['type'], fa.get('size')] for n, fa in f.mlsd('ls')])
res['mlsdfile'] = err(lambda: list(f.mlsd('ls/one.txt')))
res['stat'] = f.sendcmd('STAT ls')
f.cwd('ls')
res['nlstcwd'] = sorted(f.nlst())
res['listmissing'] = err(f.retrlines, 'LIST nowhere', lambda l: None)
res['noop'] = f.sendcmd('NOOP')
out(res)
`);
    const list = r.list as string[];
    expect(list).toHaveLength(3);
    expect(list.find((l) => l.endsWith(' one.txt'))).toMatch(/^-rw.* 5 \w{3} [ \d]\d .* one\.txt$/);
    expect(list.find((l) => l.endsWith(' sub'))).toMatch(/^d/);
    expect(list.find((l) => l.endsWith(' link-to-one'))).toMatch(/^-.* 5 /);
    expect(r.listla).toEqual(r.list);
    expect(r.listfile).toEqual([expect.stringMatching(/^-rw.* 5 .* ls\/one\.txt$/)]);
    expect(r.nlst).toEqual(['link-to-one', 'one.txt', 'sub']);
    expect(r.mlsd).toEqual([
      ['link-to-one', 'file', '5'],
      ['one.txt', 'file', '5'],
      ['sub', 'dir', null],
    ]);
    expect(r.mlsdfile).toMatch(/^501/);
    expect(r.stat).toMatch(/^213-Status of ls:\n/);
    expect(r.stat).toContain(' one.txt\n');
    expect(r.stat).toMatch(/\n213 End of status$/);
    expect(r.nlstcwd).toEqual(r.nlst);
    expect(r.listmissing).toMatch(/^550/);
    expect(r.noop).toMatch(/^200/);
  });

  it('MLSD streams 1,500 entries with exact names and sizes', async () => {
    await mkdir(path.join(h.root, 'many'));
    await Promise.all(
      Array.from({ length: 1500 }, (_, i) => writeFile(path.join(h.root, 'many', `file-${String(i).padStart(4, '0')}.dat`), 'x'.repeat(i % 97))),
    );
    const r = await python<[string, string, string][]>(h, `
f = connect()
out(sorted([[n, fa['type'], fa['size']] for n, fa in f.mlsd('many')]))
`);
    expect(r).toHaveLength(1500);
    r.forEach(([name, type, size], i) => {
      expect(name).toBe(`file-${String(i).padStart(4, '0')}.dat`);
      expect(type).toBe('file');
      expect(Number(size)).toBe(i % 97);
    });
  });
});

describe('data connections', () => {
  it('transfers over PASV, EPSV, PORT and EPRT', async () => {
    await writeFile(path.join(h.root, 'd.txt'), 'data!');
    const r = await python<Record<string, string>>(h, `
f = connect()
res = {}
b = io.BytesIO(); f.set_pasv(True); f.retrbinary('RETR d.txt', b.write); res['pasv'] = b.getvalue().decode()
res['epsvcmd'] = f.sendcmd('EPSV')
f.sendcmd('ABOR')
f.af = socket.AF_INET6  # makes ftplib use EPSV
b = io.BytesIO(); f.retrbinary('RETR d.txt', b.write); res['epsv'] = b.getvalue().decode()
f.af = socket.AF_INET
f.set_pasv(False)
b = io.BytesIO(); f.retrbinary('RETR d.txt', b.write); res['port'] = b.getvalue().decode()
srv = socket.create_server(('127.0.0.1', 0))
res['eprt'] = f.sendcmd('EPRT |1|127.0.0.1|%d|' % srv.getsockname()[1])
f.putcmd('RETR d.txt')
conn, _ = srv.accept()
res['eprt150'] = f.getresp()
chunks = []
while True:
    d = conn.recv(65536)
    if not d: break
    chunks.append(d)
conn.close()
res['eprt226'] = f.getresp()
res['eprtdata'] = b''.join(chunks).decode()
res['nosetup'] = err(f.sendcmd, 'RETR d.txt')
res['abor_idle'] = f.sendcmd('ABOR')
res['epsv_all'] = f.sendcmd('EPSV ALL')
res['pasv_after_all'] = err(f.sendcmd, 'PASV')
res['port_after_all'] = err(f.sendcmd, 'PORT 127,0,0,1,39,16')
res['opts_mlst'] = f.sendcmd('OPTS MLST size;type;')
f.set_pasv(True)
f.af = socket.AF_INET6  # EPSV is all that is left
res['mlsd_facts'] = json.dumps(list(f.mlsd())[:1])
out(res)
`);
    expect(r.pasv).toBe('data!');
    expect(r.epsvcmd).toMatch(/^229 Entering Extended Passive Mode \(\|\|\|\d+\|\)$/);
    expect(r.epsv).toBe('data!');
    expect(r.port).toBe('data!');
    expect(r.eprt).toMatch(/^200/);
    expect(r.eprt150).toMatch(/^150/);
    expect(r.eprt226).toMatch(/^226/);
    expect(r.eprtdata).toBe('data!');
    expect(r.nosetup).toMatch(/^425/);
    expect(r.abor_idle).toMatch(/^225/);
    expect(r.epsv_all).toMatch(/^200/);
    expect(r.pasv_after_all).toMatch(/^503/);
    expect(r.port_after_all).toMatch(/^503/);
    expect(r.opts_mlst).toBe('200 MLST OPTS type;size;');
    expect(JSON.parse(r.mlsd_facts!)[0][1]).toEqual({ type: expect.any(String), size: expect.any(String) });
  });

  it('ABOR interrupts a running download (426 then 226) and the session goes on', async () => {
    const big = path.join(h.root, 'big.bin');
    await writeFile(big, Buffer.alloc(64 * 1024 * 1024, 1));
    const r = await python<Record<string, string | number>>(h, `
f = connect()
res = {}
conn = f.transfercmd('RETR big.bin')
got = conn.recv(65536)
res['abort'] = f.abort()
res['after'] = f.getresp() if res['abort'].startswith('426') else 'none'
conn.close()
res['noop'] = f.sendcmd('NOOP')
res['got'] = len(got)
out(res)
`);
    expect(r.abort).toMatch(/^426/);
    expect(r.after).toMatch(/^226/);
    expect(r.noop).toMatch(/^200/);
    expect(r.got).toBeGreaterThan(0);
  });
});

describe('over IPv6', () => {
  let h6: FtpHarness;
  beforeAll(async () => {
    h6 = await startFtpHarness({ host: '::1' });
    await writeFile(path.join(h6.root, 'six.txt'), 'via ipv6');
  });
  afterAll(async () => {
    await h6?.close();
  });

  it('transfers with EPSV and EPRT, and refuses PASV (it cannot carry an IPv6 address)', async () => {
    const r = await python<Record<string, string>>(h6, `
f = connect()
res = {}
b = io.BytesIO(); f.retrbinary('RETR six.txt', b.write); res['epsv'] = b.getvalue().decode()
res['pasv'] = err(f.sendcmd, 'PASV')
res['epsv1'] = err(f.sendcmd, 'EPSV 1')
f.set_pasv(False)
b = io.BytesIO(); f.retrbinary('RETR six.txt', b.write); res['eprt'] = b.getvalue().decode()
res['eprt_v4'] = err(f.sendcmd, 'EPRT |1|127.0.0.1|5000|')
out(res)
`);
    expect(r.epsv).toBe('via ipv6');
    expect(r.pasv).toMatch(/^425/);
    expect(r.epsv1).toMatch(/^522/);
    expect(r.eprt).toBe('via ipv6');
    expect(r.eprt_v4).toMatch(/^504/);
  });
});
