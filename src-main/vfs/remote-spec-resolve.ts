// From PATH (rclone syntax) to what a share serves: a local folder, or an SFTP remote with its
// options checked and its obscured secrets revealed. Named remotes come from a lookup the caller
// passes (the settings store), as rclone's config file sections: `type` plus parameters, which the
// connection string's own parameters override. Errors never repeat a password.
import os from 'node:os';
import { assertNever } from '../../src-shared/assert-never.js';
import type { Logger } from '../../src-shared/logger.js';
import type { Backend } from './backend/backend.js';
import { createLocalBackend } from './backend/local-backend.js';
import { createSftpBackend, SFTP_DEFAULTS } from './backend/sftp/index.js';
import type { SftpTarget } from './backend/sftp/index.js';
import { parseRemotePath, RemoteSpecError } from './remote-spec.js';
import { ObscureError, reveal } from './remote-spec-obscure.js';

export type BackendSpec =
  | { readonly type: 'local'; readonly root: string }
  | ({ readonly type: 'sftp' } & SftpTarget);

/**
 * A named remote's configuration (rclone config section), or undefined when there is none. `given`
 * holds the parameters written in PATH, which override the result: a lookup may leave out what they
 * replace (a stored secret it cannot open, when PATH gives `pass=`).
 */
export type RemoteLookup = (
  name: string,
  given?: Readonly<Record<string, string>>,
) => Readonly<Record<string, string>> | undefined;

/** The sftp parameters Wharf understands (rclone's names). */
const SFTP_PARAMS = new Set(['type', 'host', 'port', 'user', 'pass', 'key_file', 'key_file_pass', 'known_hosts_file']);

function expandHome(file: string): string {
  if (file === '~') return os.homedir();
  return file.startsWith('~/') ? `${os.homedir()}${file.slice(1)}` : file;
}

function revealParam(name: string, value: string): string {
  try {
    return reveal(value);
  } catch (err) {
    const why = err instanceof ObscureError ? err.message : 'it cannot be revealed';
    throw new RemoteSpecError(`${name}= must be obscured with \`rclone obscure\`: ${why}`);
  }
}

function sftpSpec(params: Readonly<Record<string, string>>, path: string, what: string): BackendSpec {
  for (const key of Object.keys(params)) {
    if (!SFTP_PARAMS.has(key)) {
      throw new RemoteSpecError(`${what}: unknown sftp option ${JSON.stringify(key)} (known: ${[...SFTP_PARAMS].slice(1).join(', ')})`);
    }
  }
  const host = params.host ?? '';
  if (host === '') throw new RemoteSpecError(`${what}: host= is required`);
  let port: number = SFTP_DEFAULTS.port;
  if (params.port !== undefined && params.port !== '') {
    port = Number(params.port);
    if (!/^\d+$/.test(params.port) || port < 1 || port > 65535) {
      throw new RemoteSpecError(`${what}: port= must be a number from 1 to 65535`);
    }
  }
  const user = params.user !== undefined && params.user !== '' ? params.user : os.userInfo().username;
  const spec: { -readonly [K in keyof SftpTarget]: SftpTarget[K] } = { host, port, user, root: path };
  if (params.pass !== undefined && params.pass !== '') spec.password = revealParam('pass', params.pass);
  if (params.key_file !== undefined && params.key_file !== '') spec.keyFile = expandHome(params.key_file);
  if (params.key_file_pass !== undefined && params.key_file_pass !== '') {
    spec.keyPassphrase = revealParam('key_file_pass', params.key_file_pass);
  }
  if (params.known_hosts_file !== undefined && params.known_hosts_file !== '') {
    spec.knownHostsFile = expandHome(params.known_hosts_file);
  }
  return { type: 'sftp', ...spec };
}

/**
 * Resolves PATH into a backend spec: a local path as is, `:sftp,...:path` from its parameters,
 * `NAME:path` through `lookup` (parameters in the string override the named configuration).
 */
export function resolveRemoteSpec(text: string, lookup?: RemoteLookup, platform: NodeJS.Platform = process.platform): BackendSpec {
  const parsed = parseRemotePath(text, platform);
  if (parsed.kind === 'local') return { type: 'local', root: parsed.path };
  let params: Readonly<Record<string, string>> = parsed.params;
  let type = parsed.name;
  const what = parsed.onTheFly ? `:${parsed.name}` : `remote ${JSON.stringify(parsed.name)}`;
  if (!parsed.onTheFly) {
    const config = lookup?.(parsed.name, parsed.params);
    if (config === undefined) throw new RemoteSpecError(`no remote named ${JSON.stringify(parsed.name)} is configured`);
    type = config.type ?? '';
    params = { ...config, ...parsed.params };
  }
  switch (type) {
    case 'local':
      return { type: 'local', root: parsed.path === '' ? '.' : parsed.path };
    case 'sftp':
      return sftpSpec(params, parsed.path, what);
    default:
      throw new RemoteSpecError(`${what}: backend type ${JSON.stringify(type)} is not supported (local and sftp are)`);
  }
}

export interface CreateBackendOptions {
  readonly logger?: Logger;
  /**
   * Connect to an SFTP remote now, so a wrong host, login or folder fails here with the reason
   * (default). False starts without it (a share whose remote is down still starts; requests then
   * fail as unreachable until it is back).
   */
  readonly connectNow?: boolean;
}

/** Creates the backend a spec describes. */
export async function createBackendFromSpec(spec: BackendSpec, options: CreateBackendOptions = {}): Promise<Backend> {
  switch (spec.type) {
    case 'local':
      return createLocalBackend(spec.root);
    case 'sftp': {
      const { type: _type, ...target } = spec;
      return createSftpBackend({ ...target, logger: options.logger }, options.connectNow ?? true);
    }
    default:
      return assertNever(spec, 'backend spec');
  }
}
