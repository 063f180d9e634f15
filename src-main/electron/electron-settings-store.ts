// The core's SettingsStore over electron-store, for the app. It writes the same settings.json in the
// same folder as the headless mode's conf store (core/paths.ts configDir), so one person's shares are
// the same whichever way Wharf runs. Like the conf store, electron-store's own schema, migrations and
// "clear invalid config" stay off: the core validates and migrates, and an unreadable file is moved
// aside and kept, never emptied.
import { existsSync, renameSync } from 'node:fs';
import Store from 'electron-store';
import { SettingsReadError, settingsFile, SETTINGS_NAME } from '../core/index.js';
import type { SettingsStore } from '../core/index.js';

export class ElectronSettingsStore implements SettingsStore {
  readonly location: string;
  #store: Store<Record<string, unknown>> | undefined;

  constructor(private readonly dir: string) {
    this.location = settingsFile(dir);
  }

  load(): unknown {
    if (!existsSync(this.location)) return undefined;
    const doc = this.#open().store;
    return Object.keys(doc).length === 0 ? undefined : doc;
  }

  save(document: unknown): void {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new TypeError('the settings document must be an object');
    }
    this.#open().store = document as Record<string, unknown>;
  }

  quarantine(): string | undefined {
    this.#store = undefined;
    if (!existsSync(this.location)) return undefined;
    const aside = `${this.location}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.location, aside);
    return aside;
  }

  #open(): Store<Record<string, unknown>> {
    if (this.#store) return this.#store;
    try {
      this.#store = new Store<Record<string, unknown>>({
        cwd: this.dir,
        name: SETTINGS_NAME,
        configFileMode: 0o600,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        watch: false,
      });
      void this.#store.store;
    } catch (err) {
      this.#store = undefined;
      throw new SettingsReadError(`cannot read ${this.location}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return this.#store;
  }
}
