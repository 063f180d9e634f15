// The headless UI's access token: 256 random bits in the printed URL. Checked in constant time
// (hashes of equal length compared with timingSafeEqual), on every HTTP request and WS upgrade.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined || candidate === '') return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** The cookie carries the token after the first visit; named per port, as cookies ignore ports. */
export function cookieName(port: number): string {
  return `wharf_token_${port}`;
}

/** The token a request presents: `?token=`, `Authorization: Bearer`, or the cookie. */
export function presentedToken(req: IncomingMessage, url: URL, port: number): string | undefined {
  const query = url.searchParams.get('token');
  if (query !== null) return query;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return readCookie(req.headers.cookie, cookieName(port));
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
