// The named remotes `wharf serve NAME:path` can use: the app's own (desktop and headless keep them in
// the same settings.json in the config dir), read-only. Plain fs, migrated in memory only: never
// through conf or SettingsRepo, which may save a migrated document or move a broken one aside, and
// the secrets key is only read (openKeyFileSecretBox would create it), so the config dir is left as
// it was. Nothing is read until a remote is looked up, and only that remote is checked, so one
// broken entry does not block the others. Its secrets are revealed with the key file and handed on
// obscured, as rclone's config holds them; a secret given in PATH replaces the stored one unopened.
// Every mistake is a RemoteSpecError (PATH: ..., exit 2) that never holds a secret.
// May import: node builtins, the vfs public API, core's settings, secrets and paths.
import { readFileSync } from 'node:fs';
import { obscure, RemoteSpecError } from '../../vfs/index.js';
import type { RemoteLookup } from '../../vfs/index.js';
import { secretKeyFile, settingsFile } from '../paths.js';
import { migrateSettings, SettingsVersionError } from '../settings/settings-migrations.js';
import { remoteRecordSchema } from '../settings/settings-schema.js';
import { openStoredSecret, secretKey } from './named-remote-secret.js';
import type { StoredSecret } from './named-remote-secret.js';

export interface NamedRemotes {
  /** rclone-style parameters of a remote in the settings; undefined when it has none of that name. */
  readonly lookup: RemoteLookup;
  /** Where the lookup looked, for the "unknown remote" message (after it found nothing). */
  readonly whyUnknown: (name: string) => string;
}

type Remotes = { readonly found: false } | { readonly found: true; readonly list: readonly unknown[] };

/** Named remotes from the settings in `configDir`; reads nothing until the first lookup. */
export function namedRemoteLookup(configDir: string): NamedRemotes {
  const file = settingsFile(configDir);
  const key = secretKey(secretKeyFile(configDir));
  let remotes: Remotes | undefined;
  const load = (): Remotes => (remotes ??= readRemotes(file));
  return {
    lookup(name, given = {}) {
      const loaded = load();
      if (!loaded.found) return undefined;
      const entry = loaded.list.find((r) => isObject(r) && r.name === name);
      if (entry === undefined) return undefined;
      const parsed = remoteRecordSchema.safeParse(entry);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
        throw new RemoteSpecError(`remote "${name}" in ${file} is not valid (${issues}); fix it on the Remotes page of the Wharf app`);
      }
      const record = parsed.data;
      // Obscured as in rclone's config: resolveRemoteSpec reveals them as it does `pass=` in PATH.
      const open = (secret: StoredSecret): string => obscure(openStoredSecret(secret, name, key));
      return {
        type: 'sftp',
        host: record.host,
        port: String(record.port),
        user: record.user,
        // Given in PATH: it wins anyway, and a secret only the desktop app can open is not tried.
        ...(record.password !== null && given.pass === undefined ? { pass: open({ sealed: record.password, param: 'pass' }) } : {}),
        ...(record.keyFile !== null ? { key_file: record.keyFile } : {}),
        ...(record.keyPassphrase !== null && given.key_file_pass === undefined
          ? { key_file_pass: open({ sealed: record.keyPassphrase, param: 'key_file_pass' }) }
          : {}),
        ...(record.knownHostsFile !== null ? { known_hosts_file: record.knownHostsFile } : {}),
      };
    },
    whyUnknown(name) {
      const where = load().found ? `${file} has no remote named "${name}"` : `there is no settings file ${file}`;
      return `${where} (the Remotes page of the Wharf app adds named remotes)`;
    },
  };
}

function readRemotes(file: string): Remotes {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { found: false };
    throw new RemoteSpecError(`cannot read the settings file ${file} (${code ?? 'unknown error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error: it could hold a sealed secret.
    throw new RemoteSpecError(`the settings file ${file} is not valid JSON (the Wharf app sets such a file aside when it starts)`);
  }
  let document: Record<string, unknown>;
  try {
    document = migrateSettings(raw).document;
  } catch (err) {
    if (!(err instanceof SettingsVersionError)) throw err;
    throw new RemoteSpecError(`cannot use the settings file ${file}: ${err.message}`);
  }
  if (!Array.isArray(document.remotes)) throw new RemoteSpecError(`the settings file ${file} is not valid: "remotes" is not a list`);
  return { found: true, list: document.remotes };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
