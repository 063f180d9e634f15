// The fixture folder all servers serve: a BIG random file, PAR_N random files of PAR_MB, SMALL_N
// small random files and a folder of LIST_N empty entries. Also the comparisons that prove a
// transfer moved the right bytes.
import { randomFill } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchConfig } from './config.js';
import { mib } from './stats.js';

const fillRandom = promisify(randomFill);
const CHUNK = 4 * 1024 * 1024;

export interface Fixtures {
  readonly dir: string;
  readonly big: string;
  readonly par: readonly string[];
  readonly small: string;
  readonly list: string;
}

export function fixtureLayout(dir: string, config: Pick<BenchConfig, 'parN'>): Fixtures {
  return {
    dir,
    big: 'big.bin',
    par: Array.from({ length: config.parN }, (_, i) => `par${i + 1}.bin`),
    small: 'small',
    list: 'list',
  };
}

/** Incompressible content, so no layer can win by compressing. */
async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const fh = await fs.open(file, 'w');
  try {
    const buf = Buffer.alloc(Math.min(CHUNK, bytes));
    for (let left = bytes; left > 0; left -= buf.length) {
      const slice = left < buf.length ? buf.subarray(0, left) : buf;
      await fillRandom(slice);
      await fh.write(slice);
    }
  } finally {
    await fh.close();
  }
}

/** Run `fn` over `items`, `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

export const smallName = (i: number): string => `s${String(i).padStart(5, '0')}`;
export const listName = (i: number): string => `entry-${String(i).padStart(6, '0')}`;

export async function createFixtures(dir: string, config: BenchConfig): Promise<Fixtures> {
  const fx = fixtureLayout(dir, config);
  await fs.mkdir(path.join(dir, fx.small), { recursive: true });
  await fs.mkdir(path.join(dir, fx.list), { recursive: true });
  await writeRandomFile(path.join(dir, fx.big), mib(config.bigMb));
  for (const p of fx.par) await writeRandomFile(path.join(dir, p), mib(config.parMb));
  const small = Array.from({ length: config.smallN }, (_, i) => i);
  await inBatches(small, 64, (i) => writeRandomFile(path.join(dir, fx.small, smallName(i)), config.smallKb * 1024));
  const list = Array.from({ length: config.listN }, (_, i) => i);
  await inBatches(list, 64, (i) => fs.writeFile(path.join(dir, fx.list, listName(i)), ''));
  return fx;
}

/** Byte-for-byte equality of two files, read in chunks (1 GiB files must not be loaded whole). */
export async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
  if (sa.size !== sb.size) return false;
  const [fa, fb] = await Promise.all([fs.open(a, 'r'), fs.open(b, 'r')]);
  try {
    const ba = Buffer.alloc(CHUNK);
    const bb = Buffer.alloc(CHUNK);
    for (let pos = 0; pos < sa.size; pos += CHUNK) {
      const [ra, rb] = await Promise.all([fa.read(ba, 0, CHUNK, pos), fb.read(bb, 0, CHUNK, pos)]);
      if (ra.bytesRead !== rb.bytesRead) return false;
      if (!ba.subarray(0, ra.bytesRead).equals(bb.subarray(0, rb.bytesRead))) return false;
    }
    return true;
  } finally {
    await Promise.all([fa.close(), fb.close()]);
  }
}

/**
 * Why a copied folder differs from its source (names, then each file's bytes), or undefined when
 * it holds exactly the same regular files.
 */
export async function folderDifference(source: string, copy: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = (await fs.readdir(copy)).sort();
  } catch {
    return 'the copy does not exist';
  }
  const expected = (await fs.readdir(source)).sort();
  if (names.length !== expected.length) return `${names.length} entries instead of ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    if (names[i] !== expected[i]) return `unexpected entry ${names[i] ?? '?'}`;
  }
  let bad: string | undefined;
  await inBatches(expected, 32, async (n) => {
    if (bad === undefined && !(await sameContent(path.join(source, n), path.join(copy, n)))) bad = `${n} differs`;
  });
  return bad;
}
