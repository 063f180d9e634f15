// Checksums of a local file, streamed through node:crypto in fixed-size chunks (never whole).
import { createHash } from 'node:crypto';
import type { HashType } from '../types.js';
import type { LocalFd } from './local-fd.js';
import { guard } from './local-guard.js';

const CHUNK_SIZE = 1024 * 1024;

/** Hex digest of an open file, read from its start; closes the handle. */
export async function hashOpenFile(fh: LocalFd, type: HashType): Promise<string> {
  return guard(async () => {
    try {
      const hash = createHash(type);
      const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
      for (let position = 0; ; ) {
        const bytesRead = await fh.read(buffer, 0, CHUNK_SIZE, position);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
      }
      return hash.digest('hex');
    } finally {
      await fh.close();
    }
  });
}
