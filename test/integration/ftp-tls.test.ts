// FTPS with real clients and a self-signed certificate made by `openssl req`: explicit (AUTH TLS,
// PBSZ, PROT P) with curl --ssl-reqd, lftp and ftplib; implicit with curl ftps://; and require-tls
// refusing plaintext logins and unprotected data connections.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { python, run } from '../helpers/ftp-clients.js';
import { makeSelfSignedCert, startFtpHarness } from '../helpers/ftp-harness.js';
import type { FtpHarness } from '../helpers/ftp-harness.js';

let certDir: string;
let cert: { cert: string; key: string };
beforeAll(async () => {
  certDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-ftps-'));
  cert = await makeSelfSignedCert(certDir);
});
afterAll(async () => {
  await rm(certDir, { recursive: true, force: true });
});

const url = (h: FtpHarness, scheme: string, p = '') => `${scheme}://alice:secret@127.0.0.1:${h.port}/${p}`;

describe('explicit FTPS (AUTH TLS)', () => {
  let h: FtpHarness;
  beforeAll(async () => {
    h = await startFtpHarness({ tls: { ...cert, implicit: false, require: false } });
    await writeFile(path.join(h.root, 'hello.txt'), 'hello over tls');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('curl --ssl-reqd downloads, uploads and lists', async () => {
    const get = await run('curl', ['-sS', '--ssl-reqd', '-k', url(h, 'ftp', 'hello.txt')]);
    expect(get.stderr).toBe('');
    expect(get.stdout).toBe('hello over tls');
    const local = path.join(certDir, 'up.bin');
    await writeFile(local, Buffer.alloc(300_000, 7));
    const put = await run('curl', ['-sS', '--ssl-reqd', '-k', '-T', local, url(h, 'ftp', 'up.bin')]);
    expect(put.code, put.stderr).toBe(0);
    expect((await readFile(path.join(h.root, 'up.bin'))).equals(await readFile(local))).toBe(true);
    const list = await run('curl', ['-sS', '--ssl-reqd', '-k', url(h, 'ftp')]);
    expect(list.stdout).toMatch(/ hello\.txt\r?\n/);
  });

  it('lftp with ftp:ssl-force transfers over TLS', async () => {
    const out = path.join(certDir, 'lftp-got.txt');
    const r = await run('lftp', [
      '-c',
      `set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; set net:max-retries 1; set net:timeout 10; ` +
        `open -u alice,secret -p ${h.port} 127.0.0.1; get hello.txt -o ${out}; cls -1`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('hello over tls');
    expect(r.stdout).toContain('hello.txt');
  });

  it('advertises AUTH TLS, protects data with PROT P, and drops commands pipelined after AUTH', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect(tls=True)
res = {}
res['feat'] = f.sendcmd('FEAT')
b = io.BytesIO(); f.retrbinary('RETR hello.txt', b.write); res['retr'] = b.getvalue().decode()
res['mlsd'] = ','.join(n for n, fa in f.mlsd())
res['prot_s'] = err(f.sendcmd, 'PROT S')
res['auth_again'] = err(f.sendcmd, 'AUTH TLS')
f.quit()
# STARTTLS-style injection: a command sent in the same packet as AUTH TLS must not run.
raw = socket.create_connection((HOST, PORT), timeout=10)
fr = raw.makefile('rb')
fr.readline()
raw.sendall(b'AUTH TLS\\r\\nUSER alice\\r\\n')
res['auth'] = fr.readline().decode().strip()
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
tls = ctx.wrap_socket(raw)
tf = tls.makefile('rb')
tls.sendall(b'PASS secret\\r\\n')
res['injected'] = tf.readline().decode().strip()
out(res)
`);
    expect(r.feat).toContain('\n AUTH TLS\n');
    expect(r.feat).toContain('\n PBSZ\n');
    expect(r.feat).toContain('\n PROT\n');
    expect(r.retr).toBe('hello over tls');
    expect(r.mlsd).toContain('hello.txt');
    expect(r.prot_s).toMatch(/^536/);
    expect(r.auth_again).toMatch(/^503/);
    expect(r.auth).toMatch(/^234/);
    expect(r.injected).toMatch(/^503 Login with USER first/);
  });

  it('answers 522 when the data connection fails its TLS handshake, and the session goes on', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect(tls=True)
res = {}
host, port = f.makepasv()
plain = socket.create_connection((host, port), timeout=10)
f.putcmd('RETR hello.txt')
res['150'] = f.getresp()
plain.sendall(b'this is not a TLS client hello\\r\\n' * 10)
res['fail'] = err(f.getresp)
plain.close()
b = io.BytesIO(); f.retrbinary('RETR hello.txt', b.write); res['retr'] = b.getvalue().decode()
out(res)
`);
    expect(r['150']).toMatch(/^150/);
    expect(r.fail).toMatch(/^522 TLS on the data connection failed/);
    expect(r.retr).toBe('hello over tls');
  });

  it('survives a client that answers AUTH TLS with garbage', async () => {
    const r = await python<string>(h, `
raw = socket.create_connection((HOST, PORT), timeout=10)
fr = raw.makefile('rb')
fr.readline()
raw.sendall(b'AUTH TLS\\r\\n')
fr.readline()
raw.sendall(b'\\x16\\x03\\x01\\x00\\x05garbage-not-a-client-hello' * 20)
try:
    rest = raw.recv(100)
except OSError:
    rest = b''
out(repr(rest[:1]))
`);
    expect(r).not.toBe("b'2'");
    const get = await run('curl', ['-sS', '--ssl-reqd', '-k', url(h, 'ftp', 'hello.txt')]);
    expect(get.stdout).toBe('hello over tls');
  });

  it('still allows plain FTP when TLS is not required', async () => {
    const r = await python<string>(h, `
f = connect()
b = io.BytesIO(); f.retrbinary('RETR hello.txt', b.write)
out(b.getvalue().decode())
`);
    expect(r).toBe('hello over tls');
  });
});

describe('implicit FTPS', () => {
  let h: FtpHarness;
  beforeAll(async () => {
    h = await startFtpHarness({ tls: { ...cert, implicit: true, require: true } });
    await writeFile(path.join(h.root, 'implicit.txt'), 'implicit tls');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('curl ftps:// downloads, uploads and lists', async () => {
    const get = await run('curl', ['-sS', '-k', url(h, 'ftps', 'implicit.txt')]);
    expect(get.stderr).toBe('');
    expect(get.stdout).toBe('implicit tls');
    const local = path.join(certDir, 'imp-up.txt');
    await writeFile(local, 'uploaded implicitly');
    const put = await run('curl', ['-sS', '-k', '-T', local, url(h, 'ftps', 'imp-up.txt')]);
    expect(put.code, put.stderr).toBe(0);
    expect(await readFile(path.join(h.root, 'imp-up.txt'), 'utf8')).toBe('uploaded implicitly');
    const list = await run('curl', ['-sS', '-k', '--list-only', url(h, 'ftps')]);
    expect(list.stdout.split(/\r?\n/).sort()).toEqual(['', 'imp-up.txt', 'implicit.txt']);
  });
});

describe('require TLS', () => {
  let h: FtpHarness;
  beforeAll(async () => {
    h = await startFtpHarness({ tls: { ...cert, implicit: false, require: true } });
    await writeFile(path.join(h.root, 'r.txt'), 'required');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses USER and PASS before AUTH TLS', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect(login=False)
res = {'user': err(f.sendcmd, 'USER alice'), 'pass': err(f.sendcmd, 'PASS secret'), 'pbsz': err(f.sendcmd, 'PBSZ 0')}
out(res)
`);
    expect(r.user).toMatch(/^530 TLS is required/);
    expect(r.pass).toMatch(/^530 TLS is required/);
    expect(r.pbsz).toMatch(/^503/);
    const plain = await run('curl', ['-sS', url(h, 'ftp', 'r.txt')]);
    expect(plain.code).not.toBe(0);
    expect(plain.stdout).toBe('');
  });

  it('refuses data transfers without PROT P, and PROT C', async () => {
    const r = await python<Record<string, string>>(h, `
f = connect(tls=True, login=False)
f.login('alice', 'secret')
res = {}
res['list_clear'] = err(f.retrlines, 'LIST', lambda l: None)
res['prot_c'] = err(f.sendcmd, 'PROT C')
f.prot_p()
b = io.BytesIO(); f.retrbinary('RETR r.txt', b.write); res['retr'] = b.getvalue().decode()
out(res)
`);
    expect(r.list_clear).toMatch(/^521 Data connections must be protected/);
    expect(r.prot_c).toMatch(/^534/);
    expect(r.retr).toBe('required');
    const secure = await run('curl', ['-sS', '--ssl-reqd', '-k', url(h, 'ftp', 'r.txt')]);
    expect(secure.stdout).toBe('required');
  });
});
