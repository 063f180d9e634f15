// Host keys from files (`--key`), or one ed25519 key generated on first start and reused after, so
// the fingerprint clients pin survives restarts (rclone caches its generated keys the same way).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { generateEd25519Pair } from './ed25519-keygen.js';
import { parseHostKey } from './ssh-private-key.js';
import type { HostKey } from './ssh-private-key.js';


export const GENERATED_HOST_KEY_FILE = 'ssh_host_ed25519_key';

export interface LoadedHostKey extends HostKey {
  /** The file the key came from. */
  readonly file: string;
}

export interface GeneratedHostKey extends LoadedHostKey {
  /** True when this call created the key (first start). */
  readonly created: boolean;
}

/** Reads and checks each key file; the error names the file that is unreadable or not a private key. */
export async function loadHostKeys(files: readonly string[]): Promise<LoadedHostKey[]> {
  const keys: LoadedHostKey[] = [];
  for (const file of files) keys.push(await loadHostKeyFile(file));
  return keys;
}

/**
 * Returns the ed25519 host key kept in `dir`, generating it on first use. The directory is created
 * 0700 and the key 0600; the key is written to a temp file and linked into place, so a crash never
 * leaves half a key and two instances starting at once agree on one key.
 */
export async function loadOrCreateHostKey(dir: string): Promise<GeneratedHostKey> {
  const file = path.join(dir, GENERATED_HOST_KEY_FILE);
  const existing = await tryLoad(file);
  if (existing) return { ...existing, created: false };

  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const pair = generateEd25519Pair('wharf host key');
  const temp = path.join(dir, `.${GENERATED_HOST_KEY_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  let created = true;
  try {
    await writeDurably(temp, pair.private, 0o600);
    try {
      // link refuses to replace an existing file, unlike rename: if another instance won the
      // race, its key is kept and used here too.
      await fs.link(temp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') created = false;
      else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        await fs.rename(temp, file); // file systems without hard links
      } else throw err;
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
  const key = await loadHostKeyFile(file);
  if (created) {
    // The public half is a convenience for people who want to pin the key; losing it is harmless.
    const pubTemp = `${temp}.pub`;
    await writeDurably(pubTemp, `${key.publicKey}\n`, 0o644)
      .then(() => fs.rename(pubTemp, `${file}.pub`))
      .catch(() => fs.rm(pubTemp, { force: true }));
  }
  return { ...key, created };
}

async function loadHostKeyFile(file: string): Promise<LoadedHostKey> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new Error(`Host key file "${file}" cannot be read (${code})`);
  }
  return { ...parseHostKey(data, `Host key file "${file}"`), file };
}

/** Loads the key when the file exists; a file that exists but is broken is an error, never replaced. */
async function tryLoad(file: string): Promise<LoadedHostKey | undefined> {
  try {
    await fs.access(file);
  } catch {
    return undefined;
  }
  return loadHostKeyFile(file);
}

async function writeDurably(file: string, content: string, mode: number): Promise<void> {
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
