// The whole tree, tests included, must type-check under strict settings.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('typescript', () => {
  it('type-checks src-main, src-shared, bench and test', async () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.test.json'], { cwd: ROOT });
    await expect(run.then(() => 'clean').catch((e: { stdout?: string }) => e.stdout ?? String(e))).resolves.toBe('clean');
  }, 180_000);

  it('type-checks the renderer (src-renderer, src-shared) with DOM types', async () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.renderer.json'], { cwd: ROOT });
    await expect(run.then(() => 'clean').catch((e: { stdout?: string }) => e.stdout ?? String(e))).resolves.toBe('clean');
  }, 180_000);
});
