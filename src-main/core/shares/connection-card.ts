// The connection card of a running server: a URL for each address this machine can be reached at
// (only loopback when the server listens on localhost), the user, the password when it was just
// generated, and the SFTP host key's fingerprint so the person can check what their client shows.
import type { ConnectionCard, ShareProtocol } from '../../../src-shared/contract/index.js';
import type { NetworkInterfaces } from '../core-context.js';
import { invalid } from '../core-error.js';
import type { ShareRuntime } from './share-runtime.js';

export function connectionCard(
  runtime: ShareRuntime,
  protocol: ShareProtocol,
  password: string | null,
  interfaces: NetworkInterfaces,
): ConnectionCard {
  const server = runtime.listening(protocol);
  if (!server) throw invalid(`The ${protocol.toUpperCase()} server of "${runtime.record.name}" is not running`);
  const user = runtime.record.authProxy === null ? cardUser(runtime) : null;
  const addresses = reachableAddresses(server.host, interfaces);
  const urls = addresses.map((address) => ({
    address,
    url: `${protocol}://${user === null ? '' : `${encodeURIComponent(user)}@`}${urlHost(address)}:${server.port}/`,
  }));
  const first = addresses[0] ?? '127.0.0.1';
  const who = user === null ? 'USER' : user;
  const hint =
    protocol === 'sftp'
      ? `Connect with: sftp -P ${server.port} ${who}@${urlHost(first)}`
      : `Use an FTP client with host ${first}, port ${server.port}; plain FTP is not encrypted`;
  return {
    shareId: runtime.id,
    shareName: runtime.record.name,
    protocol,
    user,
    password,
    port: server.port,
    urls,
    fingerprint: protocol === 'sftp' ? (server.fingerprints[0] ?? null) : null,
    hint,
  };
}

/** The user a card shows: the first enabled one with a password, else the first enabled one. */
function cardUser(runtime: ShareRuntime): string | null {
  const users = runtime.users?.list().filter((u) => u.enabled) ?? [];
  return (users.find((u) => u.hasPassword) ?? users[0])?.name ?? null;
}

/** Loopback first, then this machine's other addresses when the server listens on all of them. */
export function reachableAddresses(boundHost: string, interfaces: NetworkInterfaces): string[] {
  const everywhere = boundHost === '' || boundHost === '::' || boundHost === '0.0.0.0';
  if (!everywhere) return [boundHost];
  const out = ['127.0.0.1'];
  for (const list of Object.values(interfaces())) {
    for (const info of list ?? []) {
      if (info.internal) continue;
      if (info.family === 'IPv6' && (boundHost === '0.0.0.0' || info.address.toLowerCase().startsWith('fe80:'))) continue;
      if (!out.includes(info.address)) out.push(info.address);
    }
  }
  return out;
}

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
