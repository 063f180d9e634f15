// Adding a share from the full form: the share is made with its servers off, its first user gets a
// generated password (unless an auth proxy decides logins), then the servers the person asked for
// are started — so no start is tried before anyone could log in.
import type { ConnectionCard, Envelope, PayloadOf, ServerStatus, Share, ShareProtocol, WharfBridge } from '../../../src-shared/contract/index.js';
import { PROTOCOLS } from '../../../src-shared/contract/index.js';

export interface CreatedShare {
  readonly share: Share;
  /** The generated password of the first user (null with an auth proxy). */
  readonly password: string | null;
  readonly user: string | null;
  /** The card of the first running server, with the password filled in. */
  readonly card: ConnectionCard | undefined;
  /** Servers asked for that did not start, with why. */
  readonly failed: readonly { readonly protocol: ShareProtocol; readonly reason: string }[];
}

type Run = <T>(request: () => Promise<Envelope<T>>) => Promise<T | undefined>;

export async function createShare(bridge: WharfBridge, run: Run, payload: PayloadOf<'shares:create'>, userName: string): Promise<CreatedShare | undefined> {
  const wanted = PROTOCOLS.filter((p) => payload[p]?.enabled ?? p === 'sftp');
  const off = (p: ShareProtocol) => ({ enabled: false, port: payload[p]?.port ?? 0, bind: payload[p]?.bind ?? 'localhost' });
  const created = await run(() => bridge.invoke('shares:create', { ...payload, sftp: off('sftp'), ftp: off('ftp') }));
  if (!created) return undefined;
  let password: string | null = null;
  let user: string | null = null;
  if (created.authProxy === null) {
    const added = await run(() => bridge.invoke('users:add', { shareId: created.id, name: userName, generatePassword: true }));
    if (!added) return undefined;
    password = added.password;
    user = added.user.name;
  }
  const failed: { protocol: ShareProtocol; reason: string }[] = [];
  const running: ShareProtocol[] = [];
  for (const protocol of wanted) {
    const status: ServerStatus | undefined = await run(() => bridge.invoke('shares:start', { id: created.id, protocol }));
    if (status?.state === 'running') running.push(protocol);
    else failed.push({ protocol, reason: status?.state === 'error' ? status.reason : 'it did not start' });
  }
  const first = running[0];
  const card = first ? await run(() => bridge.invoke('shares:card', { id: created.id, protocol: first })) : undefined;
  const share = (await run(() => bridge.invoke('shares:get', { id: created.id }))) ?? created;
  return { share, password, user, card: card ? { ...card, password } : undefined, failed };
}
