// Named SFTP remotes: stored with their secrets sealed (SecretBox), shown without them, revealed only
// in memory when a share connects or "Test connection" runs.
import type { ParsedPayloadOf, Remote, RemotePatch } from '../../../src-shared/contract/index.js';
import { createSftpBackend } from '../../vfs/index.js';
import type { CoreContext } from '../core-context.js';
import { conflict, invalid, notFound } from '../core-error.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { RemoteRecord } from '../settings/settings-schema.js';
import type { RemoteTarget } from '../shares/share-backend.js';

/** "Test connection" gives up after this long. */
const TEST_TIMEOUT_MS = 10_000;

export class RemoteService {
  constructor(private readonly ctx: CoreContext) {}

  list(): Remote[] {
    return this.ctx.repo.document.remotes.map(toRemote);
  }

  create(input: ParsedPayloadOf<'remotes:create'>): Remote {
    if (this.find(input.name)) throw conflict(`A remote named "${input.name}" already exists`);
    const { secrets } = this.ctx;
    const record: RemoteRecord = {
      name: input.name,
      host: input.host,
      port: input.port,
      user: input.user,
      password: input.password ? secrets.seal(input.password) : null,
      keyFile: input.keyFile,
      keyPassphrase: input.keyPassphrase ? secrets.seal(input.keyPassphrase) : null,
      knownHostsFile: input.knownHostsFile,
    };
    checkUsable(record);
    this.ctx.repo.update((doc) => ({ ...doc, remotes: [...doc.remotes, record] }));
    return toRemote(record);
  }

  update(name: string, patch: RemotePatch): Remote {
    const before = this.require(name);
    const { secrets } = this.ctx;
    const record: RemoteRecord = {
      ...before,
      host: patch.host ?? before.host,
      port: patch.port ?? before.port,
      user: patch.user ?? before.user,
      password: sealPatch(secrets, patch.password, before.password),
      keyFile: patch.keyFile === undefined ? before.keyFile : patch.keyFile,
      keyPassphrase: sealPatch(secrets, patch.keyPassphrase, before.keyPassphrase),
      knownHostsFile: patch.knownHostsFile === undefined ? before.knownHostsFile : patch.knownHostsFile,
    };
    checkUsable(record);
    this.ctx.repo.update((doc) => ({ ...doc, remotes: doc.remotes.map((r) => (r.name === name ? record : r)) }));
    return toRemote(record);
  }

  remove(name: string): void {
    this.require(name);
    const users = this.ctx.repo.document.shares.filter((s) => s.source.kind === 'remote' && s.source.remote === name);
    if (users.length > 0) {
      throw conflict(`The remote "${name}" is used by ${users.map((s) => `"${s.name}"`).join(', ')}: change or remove those shares first`);
    }
    this.ctx.repo.update((doc) => ({ ...doc, remotes: doc.remotes.filter((r) => r.name !== name) }));
  }

  /** Connects and logs in once, then disconnects; says what went wrong in the person's terms. */
  async test(name: string): Promise<{ ok: boolean; message: string }> {
    const target = this.target(name);
    if (!target) throw notFound(`There is no remote named "${name}"`);
    try {
      const backend = await createSftpBackend({ ...target, root: '', connectTimeoutMs: TEST_TIMEOUT_MS, logger: this.ctx.logger });
      await backend.close();
      return { ok: true, message: `Connected to ${target.host}:${target.port} as ${target.user}` };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message.slice(0, 400) : 'the connection failed' };
    }
  }

  /** The remote's connection with its secrets revealed; undefined when there is no such remote. */
  target(name: string): RemoteTarget | undefined {
    const record = this.find(name);
    if (!record) return undefined;
    const { secrets } = this.ctx;
    return {
      host: record.host,
      port: record.port,
      user: record.user,
      ...(record.password ? { password: secrets.open(record.password) } : {}),
      ...(record.keyFile ? { keyFile: record.keyFile } : {}),
      ...(record.keyPassphrase ? { keyPassphrase: secrets.open(record.keyPassphrase) } : {}),
      ...(record.knownHostsFile ? { knownHostsFile: record.knownHostsFile } : {}),
    };
  }

  private find(name: string): RemoteRecord | undefined {
    return this.ctx.repo.document.remotes.find((r) => r.name === name);
  }

  private require(name: string): RemoteRecord {
    const record = this.find(name);
    if (!record) throw notFound(`There is no remote named "${name}"`);
    return record;
  }
}

function sealPatch(secrets: SecretBox, value: string | null | undefined, before: string | null): string | null {
  if (value === undefined) return before;
  if (value === null || value === '') return null;
  return secrets.seal(value);
}

function checkUsable(record: RemoteRecord): void {
  if (record.user === '') throw invalid('A remote needs a user name');
  if (record.password === null && record.keyFile === null) throw invalid('A remote needs a password or a key file');
}

function toRemote(record: RemoteRecord): Remote {
  return {
    name: record.name,
    host: record.host,
    port: record.port,
    user: record.user,
    hasPassword: record.password !== null,
    keyFile: record.keyFile,
    hasKeyPassphrase: record.keyPassphrase !== null,
    knownHostsFile: record.knownHostsFile,
  };
}
