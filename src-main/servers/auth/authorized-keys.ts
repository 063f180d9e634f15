// OpenSSH authorized_keys parsing: one key per line, `[options] type base64 [comment]`. Options are
// accepted and skipped (Wharf applies its own per-user rules); every line that cannot be used is
// reported with the reason, so the person at the desktop can fix the file.
import { createHash, createPublicKey } from 'node:crypto';
import ssh2 from 'ssh2';

// ssh2 is CommonJS and Node cannot see its named exports: take them from the default export.
const { utils } = ssh2;

/** Key types Wharf accepts for logins (the algorithms its SSH server verifies). */
export const SUPPORTED_KEY_TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
] as const;

export type KeyType = (typeof SUPPORTED_KEY_TYPES)[number];

/** OpenSSH's floor for RSA keys (RequiredRSASize). */
const MIN_RSA_BITS = 1024;

/** Real key types Wharf recognises but cannot use, with the reason shown for them. */
const UNSUPPORTED_KEY_TYPES: Readonly<Record<string, string>> = {
  'ssh-dss': 'DSA keys are not supported (insecure); use an ed25519 key',
  'sk-ssh-ed25519@openssh.com': 'security-key (FIDO) keys are not supported',
  'sk-ecdsa-sha2-nistp256@openssh.com': 'security-key (FIDO) keys are not supported',
};

export interface AuthorizedKey {
  readonly type: KeyType;
  /** The SSH wire-format public key blob (what clients send). */
  readonly blob: Buffer;
  readonly comment: string;
  /** `SHA256:...` as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** 1-based line number in the parsed text. */
  readonly line: number;
}

export interface AuthorizedKeyError {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedAuthorizedKeys {
  readonly keys: readonly AuthorizedKey[];
  readonly errors: readonly AuthorizedKeyError[];
}

/** The fingerprint OpenSSH shows: `SHA256:` + unpadded base64 of sha256(blob). */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function isSupportedKeyType(type: string): type is KeyType {
  return (SUPPORTED_KEY_TYPES as readonly string[]).includes(type);
}

export function parseAuthorizedKeys(text: string): ParsedAuthorizedKeys {
  const keys: AuthorizedKey[] = [];
  const errors: AuthorizedKeyError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const result = parseLine(trimmed, line);
    if ('reason' in result) errors.push(result);
    else keys.push(result);
  });
  return { keys, errors };
}

/** Parses one OpenSSH public key line (`type base64 [comment]`, as in a `.pub` file). */
export function parsePublicKeyLine(text: string): AuthorizedKey | AuthorizedKeyError {
  return parseLine(text.trim(), 1);
}

function parseLine(text: string, line: number): AuthorizedKey | AuthorizedKeyError {
  const fail = (reason: string): AuthorizedKeyError => ({ line, reason });
  let rest = text;
  let first = nextToken(rest);
  if (first === undefined) return fail('empty line');
  let options: string | undefined;
  if (!isKnownKeyType(first.token)) {
    // Not a key type: the options field, which may hold quoted spaces.
    const opts = readOptions(rest);
    if (opts === undefined) return fail('unterminated quote in the options field');
    options = opts.options;
    rest = opts.rest;
    first = nextToken(rest);
    if (first === undefined) return fail(`unknown key type "${truncate(options)}"`);
    if (!isKnownKeyType(first.token)) {
      const looksLikeOptions = /[=,"]/.test(options) || KNOWN_OPTION_FLAGS.has(options.toLowerCase());
      return fail(`unknown key type "${truncate(looksLikeOptions ? first.token : options)}"`);
    }
  }
  const type = first.token;
  if (options !== undefined && /(^|,)\s*cert-authority\s*(,|$)/i.test(options)) {
    return fail('cert-authority keys (certificates) are not supported');
  }
  const unsupported = UNSUPPORTED_KEY_TYPES[type] ?? (type.includes('-cert-v01@openssh.com') ? 'certificates are not supported' : undefined);
  if (unsupported !== undefined) return fail(unsupported);
  if (!isSupportedKeyType(type)) return fail(`unknown key type "${truncate(type)}"`);
  const data = nextToken(first.rest);
  if (data === undefined) return fail(`missing key data after "${type}"`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data.token)) return fail('key data is not valid base64');
  const blob = Buffer.from(data.token, 'base64');
  const embedded = embeddedType(blob);
  if (embedded === undefined) return fail('key data is truncated or malformed');
  if (embedded !== type) return fail(`key data is a "${truncate(embedded)}" key but the line says "${type}"`);
  const parsed = utils.parseKey(blob);
  if (parsed instanceof Error || Array.isArray(parsed)) return fail('key data is not a valid public key');
  if (type === 'ssh-rsa') {
    const bits = rsaBits(parsed.getPublicPEM());
    if (bits === undefined) return fail('key data is not a valid RSA key');
    if (bits < MIN_RSA_BITS) return fail(`RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required`);
  }
  return { type, blob, comment: data.rest.trim(), fingerprint: fingerprintOf(blob), line };
}

const KNOWN_OPTION_FLAGS = new Set([
  'agent-forwarding', 'no-agent-forwarding', 'no-port-forwarding', 'no-pty', 'no-user-rc',
  'no-x11-forwarding', 'no-touch-required', 'port-forwarding', 'pty', 'restrict', 'user-rc',
  'verify-required', 'x11-forwarding', 'cert-authority',
]);

function isKnownKeyType(token: string): boolean {
  return isSupportedKeyType(token) || token in UNSUPPORTED_KEY_TYPES || token.endsWith('-cert-v01@openssh.com');
}

function nextToken(text: string): { token: string; rest: string } | undefined {
  const match = /^\s*(\S+)([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  return { token: match[1] ?? '', rest: match[2] ?? '' };
}

/** Reads the options field: up to the first unquoted blank; `\"` escapes a quote inside quotes. */
function readOptions(text: string): { options: string; rest: string } | undefined {
  const s = text.trimStart();
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (inQuote && ch === '\\' && s[i + 1] === '"') {
      i++;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && (ch === ' ' || ch === '\t')) return { options: s.slice(0, i), rest: s.slice(i) };
  }
  return inQuote ? undefined : { options: s, rest: '' };
}

/** The algorithm name at the start of an SSH public key blob. */
function embeddedType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || blob.length < 4 + len) return undefined;
  return blob.subarray(4, 4 + len).toString('latin1');
}

function rsaBits(publicPem: string): number | undefined {
  try {
    return createPublicKey(publicPem).asymmetricKeyDetails?.modulusLength;
  } catch {
    return undefined;
  }
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}
