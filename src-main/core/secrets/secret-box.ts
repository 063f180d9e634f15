// Secrets the app must be able to read back (a remote's password, a key passphrase) are stored
// sealed, never as plain text. Headless mode and tests seal with a key kept in its own 0600 file
// (key-file-secret-box.ts); the Electron app may seal with the OS keychain (safeStorage) instead.
export interface SecretBox {
  /** Short name of the method, written next to nothing secret (logs, diagnostics). */
  readonly kind: string;
  /** Returns text safe to store (`<scheme>:<data>`). */
  seal(plain: string): string;
  /** Throws SecretBoxError when the text was not sealed by this box (another key, damaged). */
  open(sealed: string): string;
}

/**
 * The prefix of secrets the desktop app sealed with the OS keychain (electron/safe-storage-secret-box.ts).
 * Core cannot open them; it knows the prefix so it can say so instead of "damaged".
 */
export const KEYCHAIN_SCHEME = 'safestorage1';

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}
