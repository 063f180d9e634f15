// Where the settings document lives. Headless mode and tests use conf (conf-settings-store.ts); the
// Electron app adapts electron-store (conf underneath) to the same interface. The store only keeps
// the document; its schema and migrations live in settings-schema.ts and settings-migrations.ts.
export interface SettingsStore {
  /** The stored document, or undefined when nothing was stored yet. Throws SettingsReadError when it cannot be read. */
  load(): unknown;
  /** Replaces the stored document (atomically: a crash leaves the old or the new one). */
  save(document: unknown): void;
  /** Moves an unreadable document aside, keeping it for the person; returns where it went. */
  quarantine(): string | undefined;
  /** Where the document is, for messages. */
  readonly location: string;
}

export class SettingsReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsReadError';
  }
}
