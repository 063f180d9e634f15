// Which Host and Origin headers the headless server accepts. Bound to loopback, only loopback names
// are valid hosts (a DNS-rebinding page arrives with its own name); a browser Origin must be this
// server itself, so another site can never drive the API or the socket, even with a stolen cookie.
import type { IncomingMessage } from 'node:http';

export interface HostPolicy {
  hostAllowed(req: IncomingMessage): boolean;
  /** A missing Origin (a non-browser client) passes; the token is still required. */
  originAllowed(req: IncomingMessage): boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function hostPolicy(boundHost: string, port: number): HostPolicy {
  const anyHost = boundHost === '' || boundHost === '0.0.0.0' || boundHost === '::';
  const names = new Set<string>([...LOOPBACK, boundHost.toLowerCase()]);
  const allowedHostHeader = (value: string | undefined): boolean => {
    if (!value) return false;
    const parsed = splitHost(value);
    if (!parsed || parsed.port !== port) return false;
    return anyHost || names.has(parsed.host.toLowerCase());
  };
  return {
    hostAllowed: (req) => allowedHostHeader(req.headers.host),
    originAllowed: (req) => {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      return url.protocol === 'http:' && url.host === req.headers.host && allowedHostHeader(url.host);
    },
  };
}

function splitHost(value: string): { host: string; port: number } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(value);
  if (!m?.[1] || !m[2]) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}
