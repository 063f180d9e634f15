// The Content-Security-Policy of the app's own pages. The renderer is a bundled React app with no
// inline scripts, no remote content and no frames, so everything not listed is refused. The policy
// is sent as a response header (by the app protocol and by the session hook), never only as a meta
// tag, so it covers the document before any script runs.

export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
].join('; ');

/** Headers every app response carries, on top of its own. */
export const APP_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Returns `headers` (Electron's `Record<name, values[]>` shape) with the security headers set,
 * replacing any existing header of the same name whatever its case, so a weaker policy from a dev
 * server cannot survive next to ours.
 */
export function withSecurityHeaders(headers: Readonly<Record<string, readonly string[]>> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const ours = new Set(Object.keys(APP_SECURITY_HEADERS).map((h) => h.toLowerCase()));
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (!ours.has(name.toLowerCase())) out[name] = [...values];
  }
  for (const [name, value] of Object.entries(APP_SECURITY_HEADERS)) out[name] = [value];
  return out;
}
