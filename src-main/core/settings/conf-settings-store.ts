// The SettingsStore over `conf`: settings.json in the config dir, written atomically, readable by
// the owner only. conf's own schema, migrations and "clear invalid config" are not used: a file
// Wharf cannot read is moved aside and kept, never silently emptied.
import { existsSync, renameSync } from 'node:fs';
import Conf from 'conf';
import { settingsFile, SETTINGS_NAME } from '../paths.js';
import { SettingsReadError } from './settings-store.js';
import type { SettingsStore } from './settings-store.js';

export class ConfSettingsStore implements SettingsStore {
  readonly location: string;
  private conf: Conf<Record<string, unknown>> | undefined;

  constructor(private readonly dir: string) {
    this.location = settingsFile(dir);
  }

  load(): unknown {
    if (!existsSync(this.location)) return undefined;
    const store = this.open().store;
    return Object.keys(store).length === 0 ? undefined : store;
  }

  save(document: unknown): void {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new TypeError('the settings document must be an object');
    }
    this.open().store = document as Record<string, unknown>;
  }

  quarantine(): string | undefined {
    this.conf = undefined;
    if (!existsSync(this.location)) return undefined;
    const aside = `${this.location}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.location, aside);
    return aside;
  }

  private open(): Conf<Record<string, unknown>> {
    if (this.conf) return this.conf;
    try {
      this.conf = new Conf<Record<string, unknown>>({
        cwd: this.dir,
        configName: SETTINGS_NAME,
        projectName: 'wharf',
        configFileMode: 0o600,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        watch: false,
      });
      // conf reads lazily in some versions: touch the store so a broken file fails here.
      void this.conf.store;
    } catch (err) {
      this.conf = undefined;
      throw new SettingsReadError(`cannot read ${this.location}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return this.conf;
  }
}
