// Address helpers for data connections: a dual-stack listener reports IPv4 peers as
// "::ffff:a.b.c.d", which must compare equal to "a.b.c.d".
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export function normalizeIp(address: string | undefined): string {
  if (!address) return '';
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:') && isIPv4(lower.slice(7))) return lower.slice(7);
  return lower;
}

export function sameIp(a: string | undefined, b: string | undefined): boolean {
  const na = normalizeIp(a);
  const nb = normalizeIp(b);
  if (na === '' || nb === '') return false;
  if (na === nb) return true;
  // IPv6 has many spellings of one address ("::1", "0:0:0:0:0:0:0:1"): compare parsed values.
  if (!isIPv6(na) || !isIPv6(nb)) return false;
  const list = new BlockList();
  list.addAddress(na, 'ipv6');
  return list.check(nb, 'ipv6');
}

export function isLoopback(address: string | undefined): boolean {
  const ip = normalizeIp(address);
  return ip === '::1' || (isIPv4(ip) && ip.startsWith('127.'));
}

export function ipFamily(address: string | undefined): 4 | 6 | 0 {
  const ip = normalizeIp(address);
  if (isIPv4(ip)) return 4;
  if (isIPv6(ip)) return 6;
  return 0;
}
