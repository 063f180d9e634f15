// A SecretBox with AES-256-GCM and a random key kept in a separate file, readable by the owner only
// (0600), so the settings file alone (a backup, a synced folder) does not reveal the secrets. The app
// opens it creating the key when missing; `wharf serve` only reads an existing one (it must never
// write in the config dir), so both share the cipher below.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../src-shared/logger.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { SecretBoxError } from './secret-box.js';
import type { SecretBox } from './secret-box.js';

/** The prefix of every secret this box seals (`aesgcm1:...`). */
export const KEY_FILE_SCHEME = 'aesgcm1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export async function openKeyFileSecretBox(file: string, logger: Logger = silentLogger): Promise<SecretBox> {
  return keyFileBox(await loadOrCreateKey(file, logger));
}

/**
 * The box of an existing key file, read synchronously and changing nothing (no key created, no mode
 * fixed); undefined when there is no key file, so secrets sealed with one cannot be opened.
 */
export function readKeyFileSecretBox(file: string): SecretBox | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return keyFileBox(parseKey(text, file));
}

function keyFileBox(key: Buffer): SecretBox {
  const prefix = `${KEY_FILE_SCHEME}:`;
  return {
    kind: 'key-file',
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${prefix}${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith(prefix)) throw new SecretBoxError('this secret was not sealed with the key file');
      const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('the sealed secret is damaged');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the secret cannot be decrypted: the key file changed or the secret is damaged; enter it again');
      }
    },
  };
}

function parseKey(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(`the key file ${file} is damaged (expected ${KEY_BYTES} bytes of base64); move it away to start over`);
  }
  return key;
}

async function loadOrCreateKey(file: string, logger: Logger): Promise<Buffer> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once cannot both write a key; the loser reads the winner's.
    const handle = await open(file, 'wx', 0o600);
    try {
      const key = randomBytes(KEY_BYTES);
      await handle.writeFile(`${key.toString('base64')}\n`);
      await handle.sync();
      logger.info(`secrets: created the key file ${file}`);
      return key;
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  await tightenMode(file, logger);
  return parseKey(await readFile(file, 'utf8'), file);
}

/** A key file others can read is no protection: make it the owner's alone again (POSIX only). */
async function tightenMode(file: string, logger: Logger): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    logger.warn(`secrets: ${file} was readable by others (mode 0${(mode & 0o777).toString(8)}); set it to 0600`);
    await chmod(file, 0o600);
  }
}
