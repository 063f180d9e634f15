// Importing public keys for a user from a file or pasted text: many lines at once, every line that
// cannot be used reported with its number and why (bad key, duplicate, a private key pasted by
// mistake), while the good lines are kept.
import { open } from 'node:fs/promises';
import { parseAuthorizedKeys } from './authorized-keys.js';
import type { AuthorizedKey, AuthorizedKeyError } from './authorized-keys.js';

/** Far more than any real authorized_keys file; bounds memory for a wrong file picked by mistake. */
export const MAX_KEY_TEXT_BYTES = 1024 * 1024;

export interface KeyImport {
  readonly keys: readonly AuthorizedKey[];
  readonly errors: readonly AuthorizedKeyError[];
}

export class KeyImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyImportError';
  }
}

/**
 * Parses pasted keys. `known` holds the fingerprints the user already has: those lines are reported
 * as already present instead of being added twice; repeats inside the text are reported too.
 */
export function importKeys(text: string, known: ReadonlySet<string> = new Set()): KeyImport {
  if (Buffer.byteLength(text, 'utf8') > MAX_KEY_TEXT_BYTES) {
    return { keys: [], errors: [{ line: 0, reason: `the text is larger than ${MAX_KEY_TEXT_BYTES / 1024} KiB; it is not a list of public keys` }] };
  }
  if (text.includes('\0')) return { keys: [], errors: [{ line: 0, reason: 'this is not a text file' }] };
  const privateAt = text.split(/\r?\n/).findIndex((l) => /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(l));
  if (privateAt >= 0) {
    // Never parse (or echo) a private key: one clear message instead of a line per base64 row.
    return { keys: [], errors: [{ line: privateAt + 1, reason: 'this is a private key; give the public key (the .pub file) instead' }] };
  }
  const parsed = parseAuthorizedKeys(text);
  const keys: AuthorizedKey[] = [];
  const errors: AuthorizedKeyError[] = [...parsed.errors];
  const firstLine = new Map<string, number>();
  for (const key of parsed.keys) {
    if (known.has(key.fingerprint)) {
      errors.push({ line: key.line, reason: `key ${key.fingerprint} is already authorized for this user` });
      continue;
    }
    const earlier = firstLine.get(key.fingerprint);
    if (earlier !== undefined) {
      errors.push({ line: key.line, reason: `same key as line ${earlier}` });
      continue;
    }
    firstLine.set(key.fingerprint, key.line);
    keys.push(key);
  }
  errors.sort((a, b) => a.line - b.line);
  return { keys, errors };
}

/** Reads a key file (an authorized_keys file or a .pub file) and parses it like pasted text. */
export async function importKeysFromFile(file: string, known: ReadonlySet<string> = new Set()): Promise<KeyImport> {
  return importKeys(await readKeyText(file), known);
}

async function readKeyText(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new KeyImportError(`cannot read ${file}: ${describe(err)}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new KeyImportError(`cannot read ${file}: it is a folder`);
    if (!info.isFile()) throw new KeyImportError(`cannot read ${file}: not a regular file`);
    // Read at most one byte past the cap: enough to tell a too-large file without loading it.
    const buffer = Buffer.alloc(MAX_KEY_TEXT_BYTES + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > MAX_KEY_TEXT_BYTES) {
      throw new KeyImportError(`${file} is larger than ${MAX_KEY_TEXT_BYTES / 1024} KiB; it is not a list of public keys`);
    }
    return buffer.subarray(0, filled).toString('utf8');
  } catch (err) {
    if (err instanceof KeyImportError) throw err;
    throw new KeyImportError(`cannot read ${file}: ${describe(err)}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}
