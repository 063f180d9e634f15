// The settings document in memory, loaded once (migrated, checked) and saved on every change. A file
// that cannot be read, or holds entries that are no longer valid, is moved aside first (the person
// keeps it) and what can be salvaged is used; a file from a newer Wharf stops the start instead.
import { appSettingsSchema, DEFAULT_APP_SETTINGS } from '../../../src-shared/contract/index.js';
import type { Logger } from '../../../src-shared/logger.js';
import { emptySettings, migrateSettings } from './settings-migrations.js';
import { remoteRecordSchema, settingsDocumentSchema, shareRecordSchema, SETTINGS_VERSION } from './settings-schema.js';
import type { SettingsDocument } from './settings-schema.js';
import { SettingsReadError } from './settings-store.js';
import type { SettingsStore } from './settings-store.js';

export class SettingsRepo {
  private constructor(
    private readonly store: SettingsStore,
    private current: SettingsDocument,
  ) {}

  static open(store: SettingsStore, logger: Logger): SettingsRepo {
    let raw: unknown;
    try {
      raw = store.load();
    } catch (err) {
      if (!(err instanceof SettingsReadError)) throw err;
      const aside = store.quarantine();
      logger.warn(`settings: ${err.message}; it was moved to ${aside ?? '(nowhere)'} and Wharf starts with empty settings`);
      raw = undefined;
    }
    const { document, from } = migrateSettings(raw);
    const parsed = settingsDocumentSchema.safeParse(document);
    if (parsed.success) {
      const repo = new SettingsRepo(store, parsed.data);
      if (raw === undefined || from !== SETTINGS_VERSION) repo.save(parsed.data);
      return repo;
    }
    const { salvaged, dropped } = salvage(document);
    const aside = store.quarantine();
    logger.warn(
      `settings: ${store.location} held entries that are not valid (${dropped.join('; ')}); ` +
        `the original was kept as ${aside ?? '(nowhere)'} and the rest is used`,
    );
    const repo = new SettingsRepo(store, salvaged);
    repo.save(salvaged);
    return repo;
  }

  get document(): SettingsDocument {
    return this.current;
  }

  /** Applies a change and saves it; in memory only once saved, so a failed save changes nothing. */
  update(change: (doc: SettingsDocument) => SettingsDocument): SettingsDocument {
    const next = settingsDocumentSchema.parse(change(this.current));
    this.save(next);
    return next;
  }

  private save(next: SettingsDocument): void {
    this.store.save(next);
    this.current = next;
  }
}

/** Keeps every entry that is valid on its own. */
function salvage(document: Record<string, unknown>): { salvaged: SettingsDocument; dropped: string[] } {
  const dropped: string[] = [];
  const app = appSettingsSchema.safeParse(document.app);
  if (!app.success) dropped.push('app settings (reset to defaults)');
  const keep = <T>(list: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string): T[] => {
    if (!Array.isArray(list)) return [];
    const out: T[] = [];
    for (const [i, item] of list.entries()) {
      const r = schema.safeParse(item);
      if (r.success) out.push(r.data);
      else dropped.push(`${what} #${i + 1}${nameOf(item)}`);
    }
    return out;
  };
  const base = emptySettings();
  return {
    salvaged: settingsDocumentSchema.parse({
      ...base,
      app: app.success ? app.data : { ...DEFAULT_APP_SETTINGS },
      shares: keep(document.shares, shareRecordSchema, 'share'),
      remotes: keep(document.remotes, remoteRecordSchema, 'remote'),
    }),
    dropped,
  };
}

function nameOf(item: unknown): string {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? ` "${name.slice(0, 64)}"` : '';
}
