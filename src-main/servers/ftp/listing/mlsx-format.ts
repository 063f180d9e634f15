// Machine listings (RFC 3659): MLSD lines and the MLST entry. Facts are fixed and exact (UTC time,
// byte size), so clients like FileZilla and rclone keep modification times without parsing `ls`.
import { assertNever } from '../../../../src-shared/assert-never.js';
import type { VfsEntry } from '../../../vfs/index.js';
import { formatTimeVal } from './ftp-time.js';

export const MLST_FACTS = ['type', 'size', 'modify', 'perm', 'unix.mode'] as const;
export type MlstFact = (typeof MLST_FACTS)[number];

/** FEAT line body: every fact, each marked `*` when it is currently selected. */
export function mlstFeature(selected: ReadonlySet<MlstFact>): string {
  return `MLST ${MLST_FACTS.map((f) => `${f}${selected.has(f) ? '*' : ''};`).join('')}`;
}

/** OPTS MLST: the facts the client asked for that we know; unknown names are ignored (RFC 3659 7.9). */
export function selectFacts(request: string): Set<MlstFact> {
  const wanted = new Set(request.toLowerCase().split(';').map((s) => s.trim()));
  return new Set(MLST_FACTS.filter((f) => wanted.has(f)));
}

function permFact(entry: VfsEntry, writable: boolean): string {
  if (entry.type === 'dir') return writable ? 'flcdmpe' : 'el';
  return writable ? 'rawdf' : 'r';
}

function typeFact(entry: VfsEntry): string {
  switch (entry.type) {
    case 'dir':
      return 'dir';
    case 'file':
      return 'file';
    case 'symlink':
      return 'OS.unix=symlink';
    case 'other':
      return 'OS.unix=special';
    default:
      return assertNever(entry.type, 'entry type');
  }
}

/** `fact=value;...; name`, the line body of MLSD and of the MLST reply. */
export function formatMlsxEntry(
  entry: VfsEntry,
  name: string,
  facts: ReadonlySet<MlstFact>,
  writable: boolean,
): string {
  let out = '';
  if (facts.has('type')) out += `type=${typeFact(entry)};`;
  if (facts.has('size') && entry.type !== 'dir') out += `size=${entry.size};`;
  if (facts.has('modify')) out += `modify=${formatTimeVal(entry.mtimeMs)};`;
  if (facts.has('perm')) out += `perm=${permFact(entry, writable)};`;
  if (facts.has('unix.mode')) out += `unix.mode=0${(entry.mode & 0o7777).toString(8)};`;
  return `${out} ${name}`;
}
