// The version printed by `wharf --version`: read from the project's package.json, found by walking up
// from this file, so it is right both from the sources (tests) and from dist/.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function wharfVersion(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'wharf' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no (readable) package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
