// rclone's duration syntax (fs/parseduration.go): Go durations ("1h30m", "1.5s", "300ms"), a single
// number with one of the suffixes d, w, M, y, or a bare number of seconds; "off" disables.
// Values are milliseconds. Negative durations mean nothing for any Wharf option and are refused.

export type Duration = number | 'off';

/** Go's time.ParseDuration units, in milliseconds. */
const GO_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5 micro sign
  'μs': 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** rclone's extra single-suffix units (a month is 30 days, a year 365, as rclone counts them). */
const DAY = 86_400_000;
const LONG_UNITS: Readonly<Record<string, number>> = { d: DAY, w: 7 * DAY, M: 30 * DAY, y: 365 * DAY };

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const GO_TERM = /(\d+(?:\.\d*)?|\.\d+)([a-zµμ]+)/gy;

/** Parses a duration; throws an Error whose message can be shown to the user as is. */
export function parseDuration(text: string): Duration {
  const s = text.trim();
  if (s === 'off') return 'off';
  if (s === '') throw new Error('empty duration');
  if (s.startsWith('-')) throw new Error(`duration can't be negative: "${text}"`);
  const plain = s.startsWith('+') ? s.slice(1) : s;
  const go = parseGoDuration(plain);
  if (go !== undefined) return go;
  const last = plain.slice(-1);
  const unit = LONG_UNITS[last];
  const digits = unit === undefined ? plain : plain.slice(0, -1);
  if (!NUMBER.test(digits)) {
    throw new Error(`invalid duration "${text}" (use e.g. 30s, 1m30s, 2h, 1d or off)`);
  }
  return Number(digits) * (unit ?? 1000);
}

/** Go's grammar: one or more number+unit terms, or a lone "0". Undefined when it does not match. */
function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  GO_TERM.lastIndex = 0;
  let total = 0;
  let at = 0;
  for (let m = GO_TERM.exec(s); m !== null; m = GO_TERM.exec(s)) {
    const scale = GO_UNITS[m[2] ?? ''];
    if (scale === undefined) return undefined;
    total += Number(m[1]) * scale;
    at = GO_TERM.lastIndex;
  }
  return at === s.length && at > 0 ? total : undefined;
}

/** Formats milliseconds compactly ("1h30m", "5s", "250ms", "off") for help texts and settings. */
export function formatDuration(value: Duration): string {
  if (value === 'off') return 'off';
  if (value === 0) return '0s';
  let rest = value;
  let out = '';
  for (const [unit, ms] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (rest >= ms) {
      const whole = unit === 's' ? rest / ms : Math.floor(rest / ms);
      out += `${trimNumber(whole)}${unit}`;
      rest -= whole * ms;
    }
  }
  if (rest > 0) out += `${trimNumber(rest)}ms`;
  return out;
}

function trimNumber(n: number): string {
  return String(Number(n.toFixed(3)));
}
