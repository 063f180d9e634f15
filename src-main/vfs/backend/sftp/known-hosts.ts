// Host-key checking against an OpenSSH known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
// plain, wildcard (`*`, `?`), negated (`!`) and hashed (`|1|salt|hmac`) host patterns, `[host]:port`
// for ports other than 22, and `@revoked` keys. `@cert-authority` lines are skipped: Wharf does not
// verify host certificates.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface KnownHostKey {
  readonly revoked: boolean;
  readonly patterns: readonly string[];
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyVerdict = 'trusted' | 'unknown-host' | 'mismatch' | 'revoked';

/** Parses the file's text; malformed lines are skipped, as ssh does. */
export function parseKnownHosts(text: string): KnownHostKey[] {
  const out: KnownHostKey[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0]?.startsWith('@')) {
      const marker = fields.shift();
      if (marker === '@revoked') revoked = true;
      else continue;
    }
    const [hosts, keyType, keyText] = fields;
    if (hosts === undefined || keyType === undefined || keyText === undefined) continue;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyText)) continue;
    out.push({ revoked, patterns: hosts.split(','), keyType, key: Buffer.from(keyText, 'base64') });
  }
  return out;
}

/** The name a host is written under in known_hosts: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('|');
  // "|1|salt|hash" splits into ["", "1", salt, hash].
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2] as string, 'base64');
  const expected = Buffer.from(parts[3] as string, 'base64');
  const actual = createHmac('sha1', salt).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** ssh's rule: some pattern matches and no negated pattern does. */
export function hostMatches(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('|')) {
      if (hashedMatch(pattern, name)) matched = true;
    } else if (pattern.startsWith('!')) {
      if (globMatch(pattern.slice(1), name)) return false;
    } else if (globMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Judges the key `presented` (the SSH wire blob) for `host:port` against the parsed file. */
export function checkHostKey(entries: readonly KnownHostKey[], host: string, port: number, presented: Buffer): HostKeyVerdict {
  if (entries.some((e) => e.revoked && sameKey(e.key, presented))) return 'revoked';
  const name = knownHostsName(host, port);
  const forHost = entries.filter((e) => !e.revoked && hostMatches(e.patterns, name));
  if (forHost.some((e) => sameKey(e.key, presented))) return 'trusted';
  return forHost.length === 0 ? 'unknown-host' : 'mismatch';
}

/** `SHA256:` + unpadded base64 of the key blob's digest, as OpenSSH prints fingerprints. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}
