// One `ls -l` style line per entry for LIST and STAT, in the layout vsftpd uses, which every client
// parser understands: mode, links, owner, group, size, date, name.
import { assertNever } from '../../../../src-shared/assert-never.js';
import type { VfsEntry } from '../../../vfs/index.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = 182 * 24 * 3600 * 1000;
/** A date this far in the future still shows a time of day (clock skew), as GNU ls does. */
const FUTURE_SLACK_MS = 3600 * 1000;

function typeChar(entry: VfsEntry): string {
  switch (entry.type) {
    case 'dir':
      return 'd';
    case 'symlink':
      return 'l';
    case 'file':
    case 'other':
      return '-';
    default:
      return assertNever(entry.type, 'entry type');
  }
}

function permissionString(mode: number): string {
  const bits = 'rwxrwxrwx';
  let out = '';
  for (let i = 0; i < 9; i++) out += mode & (0o400 >> i) ? bits[i] : '-';
  return out;
}

function dateString(mtimeMs: number, nowMs: number): string {
  const d = new Date(mtimeMs);
  const month = MONTHS[d.getUTCMonth()] ?? 'Jan';
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = mtimeMs > nowMs - SIX_MONTHS_MS && mtimeMs < nowMs + FUTURE_SLACK_MS;
  if (recent) {
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mm = String(d.getUTCMinutes()).padStart(2, '0');
    return `${month} ${day} ${hh}:${mm}`;
  }
  return `${month} ${day}  ${d.getUTCFullYear()}`;
}

export function formatLsLine(entry: VfsEntry, name: string, nowMs: number): string {
  const mode = typeChar(entry) + permissionString(entry.mode);
  const links = String(entry.nlink || 1).padStart(4, ' ');
  const owner = String(entry.uid).padEnd(8, ' ');
  const group = String(entry.gid).padEnd(8, ' ');
  const size = String(entry.size).padStart(12, ' ');
  return `${mode} ${links} ${owner} ${group} ${size} ${dateString(entry.mtimeMs, nowMs)} ${name}`;
}
