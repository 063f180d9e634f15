// Each workload warms exactly the fixtures it reads (the big file, the small-file folder, the
// parallel files) or lists (the listing folder), and warming reads them all without changing them.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKLOAD_IDS } from '../../../bench/config.js';
import { fixtureLayout } from '../../../bench/fixtures.js';
import { inputsOf, warmInputs } from '../../../bench/warm-inputs.js';
import { useTempDir } from '../../vfs-suite/fixtures.js';

const dir = useTempDir('warm');

describe('inputsOf', () => {
  it('names what each workload reads or lists, inside the fixture folder', () => {
    const fx = fixtureLayout(dir(), { parN: 2 });
    const at = (n: string) => path.join(dir(), n);
    const none = { files: [], folders: [], listed: [] };
    expect(inputsOf('W0', fx)).toEqual(none);
    expect(inputsOf('W1', fx)).toEqual({ ...none, files: [at('big.bin')] });
    expect(inputsOf('W2', fx)).toEqual({ ...none, files: [at('big.bin')] });
    expect(inputsOf('W3', fx)).toEqual({ ...none, folders: [at('small')] });
    expect(inputsOf('W4', fx)).toEqual({ ...none, folders: [at('small')] });
    expect(inputsOf('W5', fx)).toEqual({ ...none, listed: [at('list')] });
    expect(inputsOf('W6', fx)).toEqual({ ...none, files: [at('par1.bin'), at('par2.bin')] });
  });
});

describe('warmInputs', () => {
  it('reads every input of every workload and leaves the fixtures as they were', async () => {
    const fx = fixtureLayout(dir(), { parN: 2 });
    await fs.writeFile(path.join(dir(), 'big.bin'), Buffer.alloc(5 * 1024 * 1024, 7));
    for (const p of fx.par) await fs.writeFile(path.join(dir(), p), 'par');
    await fs.mkdir(path.join(dir(), 'small'));
    for (let i = 0; i < 3; i++) await fs.writeFile(path.join(dir(), 'small', `f${i}`), `small ${i}`);
    await fs.mkdir(path.join(dir(), 'list'));
    for (let i = 0; i < 3; i++) await fs.writeFile(path.join(dir(), 'list', `e${i}`), '');
    const before = await snapshot(dir());
    for (const id of WORKLOAD_IDS) await warmInputs(id, fx);
    expect(await snapshot(dir())).toEqual(before);
  });

  it('fails loudly when an input is missing', async () => {
    const fx = fixtureLayout(dir(), { parN: 1 });
    await expect(warmInputs('W1', fx)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(root, full)] = entry.isFile() ? (await fs.readFile(full)).toString('base64').slice(0, 64) + (await fs.stat(full)).size : 'dir';
  }
  return out;
}
