// rclone's size syntax (fs/sizesuffix.go): a number with an optional binary suffix B, K, M, G, T, P,
// E (also written Ki/KiB, Mi/MiB, ...; case-insensitive; powers of 1024). A bare number is KiB, as
// in rclone. "off" disables. Values are bytes.

export type Size = number | 'off';

const KIB = 1024;
const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: KIB,
  m: KIB ** 2,
  g: KIB ** 3,
  t: KIB ** 4,
  p: KIB ** 5,
  e: KIB ** 6,
};

const SIZE = /^(\d+(?:\.\d*)?|\.\d+)([a-z]*)$/i;

/** Parses a size; throws an Error whose message can be shown to the user as is. */
export function parseSize(text: string): Size {
  const s = text.trim();
  if (s.toLowerCase() === 'off') return 'off';
  if (s === '') throw new Error('empty size');
  if (s.startsWith('-')) throw new Error(`size can't be negative: "${text}"`);
  const m = SIZE.exec(s);
  const multiplier = m ? multiplierOf(m[2] ?? '') : undefined;
  if (!m || multiplier === undefined) {
    throw new Error(`invalid size "${text}" (use e.g. 512K, 128M, 1G or off)`);
  }
  return Math.floor(Number(m[1]) * multiplier);
}

function multiplierOf(suffix: string): number | undefined {
  const s = suffix.toLowerCase();
  if (s === '') return KIB;
  if (s === 'b') return 1;
  // "K", "Ki" and "KiB" all mean KiB; "KB" is refused, as rclone does, rather than guessing SI.
  const symbol = s.endsWith('ib') ? s.slice(0, -2) : s.endsWith('i') ? s.slice(0, -1) : s;
  return symbol.length === 1 ? MULTIPLIERS[symbol] : undefined;
}

/** Formats bytes the way rclone prints sizes ("512", "1.5Ki", "128Mi", "off"). */
export function formatSize(value: Size): string {
  if (value === 'off') return 'off';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let scaled = value;
  let i = 0;
  while (scaled >= KIB && i < units.length - 1) {
    scaled /= KIB;
    i += 1;
  }
  return `${Number(scaled.toFixed(3))}${units[i]}`;
}
