// Downloads share one pool of read buffers (src-main/servers/ftp/transfer/buffer-pool.ts). A buffer
// handed back before the socket had sent it would corrupt another download: four parallel curl
// downloads of different random files, each many chunks long, must all arrive byte for byte.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { run } from '../helpers/ftp-clients.js';
import { startFtpHarness } from '../helpers/ftp-harness.js';
import type { FtpHarness } from '../helpers/ftp-harness.js';

let h: FtpHarness;
let local: string;
const payloads = [0, 1, 2, 3].map((i) => randomBytes(3 * 1024 * 1024 + 1000 * i + 7));

beforeAll(async () => {
  h = await startFtpHarness();
  local = await mkdtemp(path.join(os.tmpdir(), 'wharf-ftp-par-'));
  await Promise.all(payloads.map((p, i) => writeFile(path.join(h.root, `p${i}.bin`), p)));
});
afterAll(async () => {
  await h?.close();
  await rm(local, { recursive: true, force: true });
});

it('serves four parallel downloads from pooled buffers without mixing their bytes', async () => {
  const results = await Promise.all(
    payloads.map((_, i) =>
      // --limit-rate on two of them keeps their buffers queued while the others recycle theirs.
      run('curl', ['-sS', ...(i % 2 === 0 ? ['--limit-rate', '8M'] : []), '-o', path.join(local, `p${i}.bin`), `ftp://alice:secret@127.0.0.1:${h.port}/p${i}.bin`]),
    ),
  );
  for (const [i, r] of results.entries()) {
    expect(r.code, r.stderr).toBe(0);
    expect((await readFile(path.join(local, `p${i}.bin`))).equals(payloads[i]!)).toBe(true);
  }
});
