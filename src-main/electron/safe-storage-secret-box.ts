// Secrets sealed by the operating system's keychain (Electron safeStorage: Keychain on macOS, DPAPI
// on Windows, the Secret Service or KWallet on Linux). When safeStorage has no real keychain (Linux
// falls back to a fixed key, "basic_text"), the core's key-file box is used instead. Either way
// secrets sealed earlier by the other box still open: the scheme prefix says which box made them.
import { KEYCHAIN_SCHEME, SecretBoxError } from '../core/index.js';
import type { SecretBox } from '../core/index.js';

export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

/** Whether safeStorage protects anything on this system (not the Linux fixed-key fallback). */
export function safeStorageUsable(safeStorage: SafeStoragePort, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

export function safeStorageSecretBox(safeStorage: SafeStoragePort): SecretBox {
  const prefix = `${KEYCHAIN_SCHEME}:`;
  return {
    kind: 'safe-storage',
    seal(plain) {
      return prefix + safeStorage.encryptString(plain).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(prefix)) throw new SecretBoxError('this secret was not sealed by the system keychain');
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(prefix.length), 'base64'));
      } catch {
        throw new SecretBoxError('the system keychain cannot decrypt this secret (another user or machine?); enter it again');
      }
    },
  };
}

export interface LayeredBoxes {
  /** The keychain box, whenever safeStorage can decrypt at all (even on the Linux fallback). */
  readonly keychain: SecretBox | null;
  readonly keyFile: SecretBox;
  /** Which one seals new secrets: the keychain only when it really protects them. */
  readonly sealWith: 'keychain' | 'key-file';
}

/**
 * Seals with the chosen box; opens with the box whose scheme the text carries, so switching from one
 * to the other does not strand secrets stored before.
 */
export function layeredSecretBox(boxes: LayeredBoxes): SecretBox {
  const sealer = boxes.sealWith === 'keychain' && boxes.keychain !== null ? boxes.keychain : boxes.keyFile;
  return {
    kind: sealer.kind,
    seal: (plain) => sealer.seal(plain),
    open(sealed) {
      if (!sealed.startsWith(`${KEYCHAIN_SCHEME}:`)) return boxes.keyFile.open(sealed);
      if (boxes.keychain === null) {
        throw new SecretBoxError('this secret was sealed by the system keychain, which is not available now; enter it again');
      }
      return boxes.keychain.open(sealed);
    },
  };
}
