// Finds files that ship next to the built code (the renderer in dist-renderer/) by walking up from
// this file to the project's package.json, so it works from the sources (tests) and from dist/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function projectDir(from: string = import.meta.dirname): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'wharf') return dir;
    } catch {
      // no (readable) package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The built renderer, or undefined when it is not there (the server then says how to build it). */
export function rendererDir(from?: string): string | undefined {
  const root = projectDir(from);
  const dir = root && path.join(root, 'dist-renderer');
  return dir && existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}
