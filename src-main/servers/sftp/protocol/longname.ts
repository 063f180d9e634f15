// The `ls -l` line of a READDIR entry, in the layout OpenSSH's sftp-server sends (sftp-common.c
// ls_file) so clients that print or parse it (OpenSSH's `ls -l`, older GUI clients) see the usual:
//   drwxr-xr-x    5 alice    staff        1024 Jan 13 18:39 name
import type { EntryType, VfsEntry } from '../../../vfs/index.js';
import { assertNever } from '../../../../src-shared/assert-never.js';
import type { IdNames } from './id-names.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HALF_YEAR_MS = ((365 * 24 * 60 * 60) / 2) * 1000;

function typeChar(type: EntryType): string {
  switch (type) {
    case 'file':
      return '-';
    case 'dir':
      return 'd';
    case 'symlink':
      return 'l';
    case 'other':
      return '?';
    default:
      return assertNever(type, 'entry type');
  }
}

/** strmode(3) without the trailing space: "drwxr-sr-t". */
export function modeString(type: EntryType, mode: number): string {
  const bit = (mask: number, ch: string) => (mode & mask ? ch : '-');
  const exec = (x: number, special: number, on: string, off: string) =>
    mode & special ? (mode & x ? on : off) : mode & x ? 'x' : '-';
  return (
    typeChar(type) +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    exec(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    exec(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    exec(0o001, 0o1000, 't', 'T')
  );
}

/** "%b %e %H:%M" for recent times, "%b %e  %Y" otherwise, in local time (as ls does). */
export function lsDate(mtimeMs: number, nowMs: number): string {
  const d = new Date(mtimeMs);
  if (Number.isNaN(d.getTime())) return '';
  const day = String(d.getDate()).padStart(2, ' ');
  const month = MONTHS[d.getMonth()] as string;
  if (nowMs - mtimeMs < HALF_YEAR_MS) {
    const hh = String(d.getHours()).padStart(2, '0');
    const mm = String(d.getMinutes()).padStart(2, '0');
    return `${month} ${day} ${hh}:${mm}`;
  }
  return `${month} ${day}  ${d.getFullYear()}`;
}

export function longname(entry: VfsEntry, names: IdNames, nowMs: number): string {
  const user = (names.user(entry.uid) ?? String(entry.uid)).padEnd(8, ' ');
  const group = (names.group(entry.gid) ?? String(entry.gid)).padEnd(8, ' ');
  const nlink = String(entry.nlink).padStart(3, ' ');
  const size = String(entry.size).padStart(8, ' ');
  return `${modeString(entry.type, entry.mode)}  ${nlink} ${user} ${group} ${size} ${lsDate(entry.mtimeMs, nowMs)} ${entry.name}`;
}
