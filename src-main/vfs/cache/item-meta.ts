// What the cache remembers about one file, persisted next to its data as JSON: the share path, size,
// times, which byte ranges are present, whether it awaits upload, and the remote's fingerprint when
// the data was last in step with it. Anything malformed is rejected as a whole, never half-trusted.
import { assertSharePath } from '../share-path.js';
import { isRanges } from './ranges.js';
import type { Ranges } from './ranges.js';

/** Size and modification time of the remote file the cached data was last in step with. */
export interface Fingerprint {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ItemMeta {
  readonly v: 1;
  readonly path: string;
  readonly size: number;
  /** Modification time shown for the file and given to the remote after upload. */
  readonly mtimeMs: number;
  /** Last open or close: the eviction order. */
  readonly atimeMs: number;
  readonly ranges: Ranges;
  /** True from the first change until the upload of the last change succeeded. */
  readonly dirty: boolean;
  readonly remote: Fingerprint | null;
  /** Permission bits for a file created here, used when the upload creates it on the remote. */
  readonly mode: number | null;
  /** Save counter: when two metadata files name one path (a crash mid-rename), the higher wins. */
  readonly seq: number;
}

export function sameFingerprint(a: Fingerprint | null, b: Fingerprint | null): boolean {
  return a === b || (a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

function isCount(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function parseItemMeta(text: string): ItemMeta | undefined {
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') return undefined;
    raw = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const { v, path, size, mtimeMs, atimeMs, ranges, dirty, remote, mode, seq } = raw;
  if (v !== 1 || typeof path !== 'string' || !isCount(size) || !isTime(mtimeMs) || !isTime(atimeMs)) return undefined;
  try {
    assertSharePath(path);
  } catch {
    return undefined;
  }
  if (path === '/' || !isRanges(ranges) || typeof dirty !== 'boolean' || !isCount(seq)) return undefined;
  const last = ranges[ranges.length - 1];
  if (last && last[1] > size) return undefined;
  if (mode !== null && !(isCount(mode) && mode <= 0o7777)) return undefined;
  let fingerprint: Fingerprint | null = null;
  if (remote !== null) {
    if (typeof remote !== 'object' || remote === undefined) return undefined;
    const r = remote as Record<string, unknown>;
    if (!isCount(r.size) || !isTime(r.mtimeMs)) return undefined;
    fingerprint = { size: r.size, mtimeMs: r.mtimeMs };
  }
  return { v: 1, path, size, mtimeMs, atimeMs, ranges, dirty, remote: fingerprint, mode, seq };
}
