// A folder inside the share is swapped, over and over, with a link to a folder outside while files
// are opened through it. The realpath check before the open cannot see a swap that happens right
// after it; the identity check after the open must: no read may ever return the outside bytes.
import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocalBackend, isVfsError } from '../../../src-main/vfs/index.js';
import type { Backend } from '../../../src-main/vfs/index.js';
import { makeTempDir, READ, removeTempDir } from '../../vfs-suite/fixtures.js';

let base: string;
let backend: Backend;

beforeAll(async () => {
  base = await makeTempDir('swap');
  await mkdir(path.join(base, 'share', 'dir'), { recursive: true });
  await mkdir(path.join(base, 'elsewhere'));
  await writeFile(path.join(base, 'share', 'dir', 'f'), 'safe');
  await writeFile(path.join(base, 'elsewhere', 'f'), 'SECRET');
  await symlink(path.join(base, 'elsewhere'), path.join(base, 'share', 'link'));
  backend = await createLocalBackend(path.join(base, 'share'));
});

afterAll(async () => {
  await backend.close();
  await removeTempDir(base);
});

it('a folder swapped for an outside link between check and open is caught', async () => {
  const share = path.join(base, 'share');
  const at = (name: string) => path.join(share, name);
  let stop = false;
  const swapper = (async () => {
    while (!stop) {
      await rename(at('dir'), at('real'));
      await rename(at('link'), at('dir'));
      await rename(at('dir'), at('link'));
      await rename(at('real'), at('dir'));
      // Rest in the safe state now and then so that honest opens get through too.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const seen = { safe: 0, refused: 0, secret: 0 };
  const deadline = Date.now() + 1000;
  while (Date.now() < deadline) {
    try {
      const h = await backend.open('/dir/f', READ, 0);
      const text = (await h.read(0, 100)).toString();
      await h.close();
      if (text === 'safe') seen.safe += 1;
      else seen.secret += 1;
    } catch (err) {
      expect(isVfsError(err)).toBe(true);
      seen.refused += 1;
    }
    // Requests arrive from sockets, one event-loop turn each: a refusal found inline must not
    // starve the swapper of the turns its renames need.
    await new Promise((resolve) => setImmediate(resolve));
  }
  stop = true;
  await swapper;
  expect(seen.secret, JSON.stringify(seen)).toBe(0);
  expect(seen.safe, JSON.stringify(seen)).toBeGreaterThan(0);
});
