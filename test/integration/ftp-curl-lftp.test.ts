// Transfers with curl and lftp as real clients: round trips, resumes in both directions (both
// clients use REST or APPE their own way), active mode, and lftp's file commands.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/ftp-clients.js';
import { startFtpHarness } from '../helpers/ftp-harness.js';
import type { FtpHarness } from '../helpers/ftp-harness.js';

let h: FtpHarness;
let local: string;
let payload: Buffer;
beforeAll(async () => {
  h = await startFtpHarness();
  local = await mkdtemp(path.join(os.tmpdir(), 'wharf-ftp-client-'));
  payload = randomBytes(6 * 1024 * 1024 + 123);
  await writeFile(path.join(local, 'payload.bin'), payload);
});
afterAll(async () => {
  await h?.close();
  await rm(local, { recursive: true, force: true });
});

const url = (p = '') => `ftp://alice:secret@127.0.0.1:${h.port}/${p}`;
const lftp = (commands: string) =>
  run('lftp', ['-c', `set net:max-retries 1; set net:timeout 10; set ftp:ssl-allow no; open -u alice,secret -p ${h.port} 127.0.0.1; ${commands}`]);
const verbs = (verb: string) => h.logs.filter((l) => new RegExp(`: ${verb}( |$)`).test(l)).length;

describe('curl', () => {
  it('uploads and downloads a file byte for byte, creating folders on the way', async () => {
    const up = await run('curl', ['-sS', '--ftp-create-dirs', '-T', path.join(local, 'payload.bin'), url('c/d/payload.bin')]);
    expect(up.code, up.stderr).toBe(0);
    expect((await readFile(path.join(h.root, 'c/d/payload.bin'))).equals(payload)).toBe(true);
    const out = path.join(local, 'down.bin');
    const down = await run('curl', ['-sS', '-o', out, url('c/d/payload.bin')]);
    expect(down.code, down.stderr).toBe(0);
    expect((await readFile(out)).equals(payload)).toBe(true);
  });

  it('resumes a download (REST+RETR) and an upload (APPE) with -C -', async () => {
    await writeFile(path.join(h.root, 'resume-down.bin'), payload);
    const partialLocal = path.join(local, 'resume-down.bin');
    await writeFile(partialLocal, payload.subarray(0, 2_000_000));
    const before = verbs('REST');
    const down = await run('curl', ['-sS', '-C', '-', '-o', partialLocal, url('resume-down.bin')]);
    expect(down.code, down.stderr).toBe(0);
    expect((await readFile(partialLocal)).equals(payload)).toBe(true);
    expect(verbs('REST')).toBeGreaterThan(before);

    await writeFile(path.join(h.root, 'resume-up.bin'), payload.subarray(0, 3_000_001));
    const appes = verbs('APPE');
    const up = await run('curl', ['-sS', '-C', '-', '-T', path.join(local, 'payload.bin'), url('resume-up.bin')]);
    expect(up.code, up.stderr).toBe(0);
    expect((await readFile(path.join(h.root, 'resume-up.bin'))).equals(payload)).toBe(true);
    expect(verbs('APPE')).toBe(appes + 1);
  });

  it('runs quote commands: RNFR/RNTO and DELE', async () => {
    await writeFile(path.join(h.root, 'q1.txt'), 'q');
    const r = await run('curl', ['-sS', '-Q', 'RNFR q1.txt', '-Q', 'RNTO q2.txt', '-Q', '-DELE q2.txt', url()]);
    expect(r.code, r.stderr).toBe(0);
    await expect(stat(path.join(h.root, 'q1.txt'))).rejects.toThrow();
    await expect(stat(path.join(h.root, 'q2.txt'))).rejects.toThrow();
  });

  it('uses active mode (EPRT/PORT) with -P', async () => {
    await writeFile(path.join(h.root, 'active.txt'), 'active mode');
    const r = await run('curl', ['-sS', '-P', '127.0.0.1', url('active.txt')]);
    expect(r.stdout).toBe('active mode');
    const r2 = await run('curl', ['-sS', '-P', '127.0.0.1', '--disable-eprt', url('active.txt')]);
    expect(r2.stdout).toBe('active mode');
    expect(verbs('EPRT')).toBeGreaterThan(0);
    expect(verbs('PORT')).toBeGreaterThan(0);
  });
});

describe('lftp', () => {
  it('puts, lists, renames, sets times, gets, removes', async () => {
    const got = path.join(local, 'lftp-got.bin');
    const r = await lftp(
      `mkdir lf; cd lf; put ${path.join(local, 'payload.bin')} -o p.bin; mv p.bin q.bin; ` +
        `quote MFMT 20010203040506 q.bin; cls -l --time-style=%Y%m%d; get q.bin -o ${got}; ` +
        `rm q.bin; cd ..; rmdir lf; cls -1`,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/20010203 q\.bin/);
    expect((await readFile(got)).equals(payload)).toBe(true);
    await expect(stat(path.join(h.root, 'lf'))).rejects.toThrow();
  });

  it('resumes with get -c and put -c', async () => {
    await writeFile(path.join(h.root, 'lres.bin'), payload);
    const partial = path.join(local, 'lres.bin');
    await writeFile(partial, payload.subarray(0, 1_000_000));
    const r1 = await lftp(`get -c lres.bin -o ${partial}`);
    expect(r1.code, r1.stderr).toBe(0);
    expect((await readFile(partial)).equals(payload)).toBe(true);

    await mkdir(path.join(h.root, 'up'));
    await writeFile(path.join(h.root, 'up', 'lres.bin'), payload.subarray(0, 4_000_000));
    const rests = verbs('REST');
    const r2 = await lftp(`cd up; put -c ${path.join(local, 'payload.bin')} -o lres.bin`);
    expect(r2.code, r2.stderr).toBe(0);
    expect((await readFile(path.join(h.root, 'up', 'lres.bin'))).equals(payload)).toBe(true);
    expect(verbs('REST')).toBeGreaterThan(rests);
  });

  it('works in active mode', async () => {
    await writeFile(path.join(h.root, 'lactive.txt'), 'lftp active');
    const out = path.join(local, 'lactive.txt');
    const active = verbs('PORT') + verbs('EPRT');
    const r = await lftp(`set ftp:passive-mode off; get lactive.txt -o ${out}; cls -1`);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('lftp active');
    // An upload over a connection the server dialled reads into pooled buffers (user-reads.ts).
    const up = await lftp(`set ftp:passive-mode off; put ${path.join(local, 'payload.bin')} -o lactive.bin`);
    expect(up.code, up.stderr).toBe(0);
    expect((await readFile(path.join(h.root, 'lactive.bin'))).equals(payload)).toBe(true);
    expect(verbs('PORT') + verbs('EPRT')).toBeGreaterThan(active);
  });
});
