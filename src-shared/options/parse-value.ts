// Turns the text given on a command line (or in a settings file) into the typed value of an option.
// Errors are plain Errors whose message names the problem, ready to show after the flag name.
import { assertNever } from '../assert-never.js';
import { formatDuration, parseDuration } from '../units/duration.js';
import { formatSize, parseSize } from '../units/size.js';
import type { Address, AnyOptionSpec, OptionValueByKind } from './option-spec.js';

/** Go's strconv.ParseBool spellings, which rclone users already type. */
const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function parseBool(text: string): boolean {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new Error(`expected true or false, got "${text}"`);
}

export function parseInteger(text: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text)) throw new Error(`expected a whole number, got "${text}"`);
  const n = Number(text);
  if (n > max) throw new Error(`${text} is too large (at most ${max})`);
  return n;
}

/** Octal permission bits: "0666", "666", "0o666", "2". */
export function parseOctal(text: string, max = 0o7777): number {
  const m = /^(?:0o)?([0-7]+)$/i.exec(text);
  if (!m?.[1]) throw new Error(`expected an octal mode such as 0644, got "${text}"`);
  const n = parseInt(m[1], 8);
  if (n > max) throw new Error(`${text} is too large (at most 0${max.toString(8)})`);
  return n;
}

/** "HOST:PORT", ":PORT" (every interface) or "[IPV6]:PORT". */
export function parseAddress(text: string): Address {
  const hint = 'expected HOST:PORT or :PORT, e.g. localhost:2022';
  let host: string;
  let port: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']:');
    if (close < 0) throw new Error(`invalid address "${text}" (${hint})`);
    host = text.slice(1, close);
    port = text.slice(close + 2);
    if (!/^[0-9a-fA-F:.]+(?:%[\w.-]+)?$/.test(host) || !host.includes(':')) {
      throw new Error(`invalid IPv6 address "${host}"`);
    }
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) throw new Error(`invalid address "${text}" (${hint})`);
    host = text.slice(0, colon);
    port = text.slice(colon + 1);
    if (host.includes(':')) throw new Error(`invalid address "${text}" (write IPv6 hosts in brackets: [::1]:2022)`);
    if (host !== '' && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) {
      throw new Error(`invalid host name "${host}"`);
    }
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new Error(`invalid port "${port}" (0-65535; 0 picks a free port)`);
  }
  return { host, port: Number(port) };
}

export function formatAddress(addr: Address): string {
  const host = addr.host.includes(':') ? `[${addr.host}]` : addr.host;
  return `${host}:${addr.port}`;
}

/**
 * Parses one occurrence of a flag. `previous` is the value so far, which list and count flags
 * extend. For list and count flags the result is the new accumulated value.
 */
export function parseOptionValue<S extends AnyOptionSpec>(spec: S, text: string, previous?: unknown): OptionValueByKind[S['kind']] {
  return parseByKind(spec, text, previous) as OptionValueByKind[S['kind']];
}

function parseByKind(spec: AnyOptionSpec, text: string, previous: unknown): OptionValueByKind[keyof OptionValueByKind] {
  switch (spec.kind) {
    case 'string':
      return text;
    case 'bool':
      return parseBool(text);
    case 'int':
      return parseInteger(text, spec.max);
    case 'octal':
      return parseOctal(text, spec.max);
    case 'duration':
      return parseDuration(text);
    case 'size':
      return parseSize(text);
    case 'list':
      return [...(Array.isArray(previous) ? (previous as readonly string[]) : []), text];
    case 'addr':
      return parseAddress(text);
    case 'count':
      // "--verbose=2" sets the count outright, as pflag's count flags allow.
      return parseInteger(text, 10);
    default:
      return assertNever(spec, 'option kind');
  }
}

/** Formats a value for help texts and messages ("0666", "5m", "off", "localhost:2022"). */
export function formatOptionValue(spec: AnyOptionSpec, value: unknown): string {
  switch (spec.kind) {
    case 'string':
      return String(value);
    case 'bool':
      return value ? 'true' : 'false';
    case 'int':
    case 'count':
      return String(value);
    case 'octal':
      return `0${(value as number).toString(8).padStart(3, '0')}`;
    case 'duration':
      return formatDuration(value as number | 'off');
    case 'size':
      return formatSize(value as number | 'off');
    case 'list':
      return (value as readonly string[]).join(', ');
    case 'addr':
      return formatAddress(value as Address);
    default:
      return assertNever(spec, 'option kind');
  }
}
