// Brings a stored settings document up to the current version, one step at a time. A document from
// a newer Wharf is refused (never rewritten: the newer app would lose what this one drops).
import { DEFAULT_APP_SETTINGS } from '../../../src-shared/contract/index.js';
import { SETTINGS_VERSION } from './settings-schema.js';

export class SettingsVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsVersionError';
  }
}

type Doc = Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n document into version n+1. */
const MIGRATIONS: Readonly<Record<number, (doc: Doc) => Doc>> = {
  // Version 0: a document without a version (hand-written, or left by a store's own defaults).
  // Missing sections get their defaults; app settings get every field they lack.
  0: (doc) => ({
    ...doc,
    version: 1,
    app: { ...DEFAULT_APP_SETTINGS, ...(isObject(doc.app) ? doc.app : {}) },
    shares: Array.isArray(doc.shares) ? doc.shares : [],
    remotes: Array.isArray(doc.remotes) ? doc.remotes : [],
  }),
};

export interface Migrated {
  readonly document: Doc;
  /** The version the stored document had (it needs saving when it differs from the current one). */
  readonly from: number;
}

export function emptySettings(): Doc {
  return { version: SETTINGS_VERSION, app: { ...DEFAULT_APP_SETTINGS }, shares: [], remotes: [] };
}

export function migrateSettings(raw: unknown): Migrated {
  if (raw === undefined) return { document: emptySettings(), from: SETTINGS_VERSION };
  if (!isObject(raw)) throw new SettingsVersionError('the settings file does not hold an object');
  const from = raw.version === undefined ? 0 : raw.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    throw new SettingsVersionError(`the settings file has an unknown version ${JSON.stringify(raw.version)}`);
  }
  if (from > SETTINGS_VERSION) {
    throw new SettingsVersionError(
      `the settings were written by a newer Wharf (settings version ${from}; this one reads up to ${SETTINGS_VERSION}): update Wharf`,
    );
  }
  let doc: Doc = raw;
  for (let v = from; v < SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new SettingsVersionError(`no migration from settings version ${v}`);
    doc = step(doc);
  }
  return { document: doc, from };
}

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
