// PORT and EPRT parsing and policy. The server only ever connects back to the control connection's
// own address, and never to a privileged port: otherwise PORT turns the server into a proxy for
// scanning or attacking third parties (the FTP bounce attack, RFC 2577).
import { isIPv4, isIPv6 } from 'node:net';
import { normalizeIp, sameIp } from './ip.js';

export interface ActiveTarget {
  readonly host: string;
  readonly port: number;
  readonly family: 4 | 6;
}

export type ActiveParse =
  | { readonly ok: true; readonly target: ActiveTarget }
  | { readonly ok: false; readonly code: number; readonly message: string };

const LOWEST_PORT = 1024;

function byte(text: string): number | undefined {
  if (!/^\d{1,3}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n <= 255 ? n : undefined;
}

/** PORT h1,h2,h3,h4,p1,p2 */
export function parsePort(arg: string): ActiveTarget | undefined {
  const parts = arg.split(',').map(byte);
  if (parts.length !== 6 || parts.some((p) => p === undefined)) return undefined;
  const [a, b, c, d, p1, p2] = parts as number[];
  return { host: `${a}.${b}.${c}.${d}`, port: p1! * 256 + p2!, family: 4 };
}

/** EPRT |proto|address|port| with any printable delimiter (RFC 2428). */
export function parseEprt(arg: string): ActiveTarget | undefined {
  const text = arg.trim();
  const delim = text[0];
  if (!delim || delim.charCodeAt(0) < 33 || delim.charCodeAt(0) > 126) return undefined;
  const fields = text.split(delim);
  if (fields.length !== 5 || fields[0] !== '' || fields[4] !== '') return undefined;
  const [, proto, host = '', portText = ''] = fields;
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  if (proto === '1' && isIPv4(host)) return { host, port, family: 4 };
  if (proto === '2' && isIPv6(host)) return { host, port, family: 6 };
  return undefined;
}

/** Applies the policy to a parsed target for a control connection from `controlIp`. */
export function checkActiveTarget(target: ActiveTarget | undefined, controlIp: string | undefined, verb: string): ActiveParse {
  if (!target) return { ok: false, code: 501, message: `Malformed ${verb} argument` };
  if (!sameIp(target.host, controlIp)) {
    return { ok: false, code: 504, message: `${verb} may only name your own address (${normalizeIp(controlIp)})` };
  }
  if (target.port < LOWEST_PORT) return { ok: false, code: 504, message: `${verb} to a port below ${LOWEST_PORT} is refused` };
  return { ok: true, target: { ...target, host: normalizeIp(target.host) } };
}
