// `df -k PATH` for rclone's `about` when statvfs@openssh.com is unavailable: POSIX output
// (`df -kP`), sizes in 1024-byte blocks, from the VFS's statfs. rclone reads the second line's
// total, used and available columns.
import { toSharePath } from '../../session.js';
import type { StatFs } from '../../../vfs/index.js';
import { errorLine } from './client-errors.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exec-types.js';
import type { ExecCommand } from './exec-types.js';

/** Shown in the Filesystem column; the share's local location never reaches the client. */
const FILESYSTEM_NAME = 'wharf';

export const dfCommand: ExecCommand = async (args, { session, out }) => {
  const paths: string[] = [];
  let endOfOptions = false;
  for (const arg of args) {
    if (!endOfOptions && arg === '--') endOfOptions = true;
    else if (!endOfOptions && arg.startsWith('-') && arg.length > 1) {
      // -k (1024-byte blocks) and -P (portable format) are what we print anyway.
      const bad = [...arg.slice(1)].find((c) => c !== 'k' && c !== 'P');
      if (bad !== undefined) {
        out.stderr(`df: unsupported option -- '${bad}'\n`);
        return EXIT_USAGE;
      }
    } else paths.push(arg);
  }
  if (paths.length === 0) paths.push('/');

  const rows: string[][] = [];
  let status = EXIT_OK;
  for (const path of paths) {
    try {
      rows.push(row(await session.vfs.statfs(toSharePath(session, path))));
    } catch (err) {
      out.stderr(errorLine('df', path, err));
      status = EXIT_FAILURE;
    }
  }
  if (rows.length > 0) out.stdout(table([['Filesystem', '1024-blocks', 'Used', 'Available', 'Capacity', 'Mounted on'], ...rows]));
  return status;
};

function row(fs: StatFs): string[] {
  const unit = fs.fragmentSize > 0 ? fs.fragmentSize : fs.blockSize;
  const kib = (blocks: number): number => Math.floor((blocks * unit) / 1024);
  const total = kib(fs.blocks);
  const used = Math.max(0, kib(fs.blocks - fs.blocksFree));
  const avail = kib(fs.blocksAvail);
  // POSIX: capacity is used / (used + available), rounded up.
  const capacity = used + avail > 0 ? Math.ceil((used * 100) / (used + avail)) : 0;
  return [FILESYSTEM_NAME, String(total), String(used), String(avail), `${capacity}%`, '/'];
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, col) => {
          const w = widths[col] ?? 0;
          // Text columns left-aligned, numbers right-aligned, as df prints them.
          return col === 0 || col === r.length - 1 ? cell.padEnd(col === r.length - 1 ? 0 : w) : cell.padStart(w);
        })
        .join(' '),
    )
    .map((line) => `${line}\n`)
    .join('');
}
