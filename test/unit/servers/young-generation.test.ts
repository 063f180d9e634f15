// The servers keep V8's young generation from growing: under heavy allocation of short-lived
// objects (what ssh2 does per packet) the semi-spaces stay at their starting size, where without
// the setting they grow to many times that and stay there.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const moduleUrl = pathToFileURL(path.resolve(here, '../../../dist/src-main/servers/young-generation.js')).href;

async function newSpaceAfterChurn(limit: boolean): Promise<number> {
  const script = `
    const v8 = require('node:v8');
    (async () => {
      if (${limit}) (await import(${JSON.stringify(moduleUrl)})).limitYoungGeneration();
      let keep = [];
      for (let i = 0; i < 3_000_000; i++) {
        keep.push({ i, b: Buffer.allocUnsafe(64) });
        if (keep.length > 2000) keep = [];
      }
      const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      console.log(space.space_size);
    })();`;
  const { stdout } = await run(process.execPath, ['-e', script]);
  return Number(stdout.trim());
}

describe('limitYoungGeneration', () => {
  it('keeps the semi-spaces at their starting size under churn', async () => {
    const [limited, free] = await Promise.all([newSpaceAfterChurn(true), newSpaceAfterChurn(false)]);
    expect(limited).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(free).toBeGreaterThan(2 * limited);
  });
});
