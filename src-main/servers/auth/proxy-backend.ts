// The default backend factory for auth proxy answers. `local` serves a folder on this machine
// (`_root` must be an absolute path to an existing folder). `sftp` connects to an SFTP remote with
// rclone's parameters (host, port, user, pass, key_file, key_file_pass, known_hosts_file) and
// `_root` as the folder on it. As rclone does, the values named in `_obscure` are obscured first;
// every secret is then revealed by the same code that reads `:sftp,...:` connection strings, so a
// proxy may send a password either plainly (listed in `_obscure`) or already obscured.
import path from 'node:path';
import { assertNever } from '../../../src-shared/assert-never.js';
import type { Logger } from '../../../src-shared/logger.js';
import { createBackendFromSpec, createLocalBackend, obscure, resolveRemoteSpec } from '../../vfs/index.js';
import type { Backend } from '../../vfs/index.js';
import type { ProxyBackendSpec } from './proxy-answer.js';

export type ProxyBackendFactory = (spec: ProxyBackendSpec) => Promise<Backend>;

export class ProxyBackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyBackendError';
  }
}

export async function createProxyBackend(spec: ProxyBackendSpec, logger?: Logger): Promise<Backend> {
  switch (spec.type) {
    case 'local': {
      if (spec.root === '' || !path.isAbsolute(spec.root)) {
        throw new ProxyBackendError('"_root" of a local backend must be an absolute path');
      }
      try {
        return await createLocalBackend(spec.root);
      } catch (err) {
        throw new ProxyBackendError(`"_root" ${spec.root} cannot be served: ${errorText(err)}`);
      }
    }
    case 'sftp': {
      let resolved;
      try {
        resolved = resolveRemoteSpec(sftpConnectionString(spec));
      } catch (err) {
        throw new ProxyBackendError(`the sftp answer is not usable: ${errorText(err)}`);
      }
      try {
        return await createBackendFromSpec(resolved, { logger, connectNow: true });
      } catch (err) {
        throw new ProxyBackendError(`cannot connect to the sftp remote: ${errorText(err)}`);
      }
    }
    default:
      return assertNever(spec.type);
  }
}

/** `:sftp,key="value",...:root`, every value quoted (a doubled quote is a literal one). */
function sftpConnectionString(spec: ProxyBackendSpec): string {
  const plain = new Set(spec.plain);
  const params = Object.keys(spec.params).map((key) => {
    const raw = spec.params[key] ?? '';
    const value = plain.has(key) ? obscure(raw) : raw;
    return `,${key}="${value.replaceAll('"', '""')}"`;
  });
  return `:sftp${params.join('')}:${spec.root}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
