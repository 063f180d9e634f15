// Timestamps as FTP writes them: MDTM, MFMT and the MLSx `modify` fact use YYYYMMDDHHMMSS in UTC
// (RFC 3659 section 2.3), optionally with a fraction of a second.

const TIME_VAL = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatTimeVal(ms: number): string {
  const d = new Date(ms);
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1) +
    pad(d.getUTCDate()) +
    pad(d.getUTCHours()) +
    pad(d.getUTCMinutes()) +
    pad(d.getUTCSeconds())
  );
}

/** Parses a time-val into milliseconds since the epoch; undefined when malformed or impossible. */
export function parseTimeVal(text: string): number | undefined {
  const m = TIME_VAL.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), fraction);
  // Date.UTC rolls 31 February into March; a round trip catches that.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}
