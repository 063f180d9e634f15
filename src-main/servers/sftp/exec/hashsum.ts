// `md5sum`, `sha1sum`, `sha256sum` over the VFS, for rclone's sftp backend checksums. Output is
// coreutils': `HASH  NAME`, with a leading backslash and escapes when the name holds `\` or a
// newline. With no file (or `-`) the answer is the hash of empty input, as rclone serve gives it:
// rclone probes with a bare `md5sum` and sends nothing on stdin. A share with checksums off refuses.
import { createHash } from 'node:crypto';
import { VfsError } from '../../../vfs/index.js';
import type { HashType, Vfs } from '../../../vfs/index.js';
import { toSharePath } from '../../session.js';
import { errorLine } from './client-errors.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exec-types.js';
import type { ExecCommand } from './exec-types.js';

const NODE_HASH: Readonly<Record<HashType, string>> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256' };

export function hashsumCommand(name: string, type: HashType): ExecCommand {
  return async (args, { session, out }) => {
    let files: string[] = [];
    let endOfOptions = false;
    for (const arg of args) {
      if (!endOfOptions && arg === '--') endOfOptions = true;
      // -b/-t (binary/text mode) change nothing on POSIX systems.
      else if (!endOfOptions && (arg === '-b' || arg === '-t' || arg === '--binary' || arg === '--text')) continue;
      else if (!endOfOptions && arg.startsWith('-') && arg !== '-') {
        out.stderr(`${name}: unsupported option '${arg}'\n`);
        return EXIT_USAGE;
      } else files.push(arg);
    }
    // Refused up front, even for the bare probe, so rclone marks the hash as unsupported instead
    // of adopting a command that then fails for every file (rclone serve answers the same way).
    const unavailable = hashUnavailable(session.vfs, type);
    if (unavailable !== undefined) {
      out.stderr(`${name}: ${unavailable}\n`);
      return EXIT_FAILURE;
    }
    if (files.length === 0) files = ['-'];
    let status = EXIT_OK;
    for (const file of files) {
      try {
        const digest = file === '-' ? createHash(NODE_HASH[type]).digest('hex') : await hashFile(file);
        out.stdout(formatLine(digest, file));
      } catch (err) {
        out.stderr(errorLine(name, file, err));
        status = EXIT_FAILURE;
      }
    }
    return status;

    async function hashFile(file: string): Promise<string> {
      const path = toSharePath(session, file);
      const entry = await session.vfs.stat(path);
      if (entry.type === 'dir') throw new VfsError('EISDIR');
      return (await session.vfs.hash(path, type)).toLowerCase();
    }
  };
}

function hashUnavailable(vfs: Vfs, type: HashType): string | undefined {
  if (vfs.options.noChecksum) return 'checksums are disabled on this share';
  if (!vfs.backend.features.hashes.includes(type)) return `${type} checksums are not available on this share`;
  return undefined;
}

function formatLine(digest: string, file: string): string {
  if (!/[\\\n]/.test(file)) return `${digest}  ${file}\n`;
  return `\\${digest}  ${file.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`;
}
