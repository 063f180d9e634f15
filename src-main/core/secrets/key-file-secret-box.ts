// A SecretBox with AES-256-GCM and a random key kept in a separate file, readable by the owner only
// (0600), so the settings file alone (a backup, a synced folder) does not reveal the secrets.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../src-shared/logger.js';
import { silentLogger } from '../../../src-shared/logger.js';
import { SecretBoxError } from './secret-box.js';
import type { SecretBox } from './secret-box.js';

const SCHEME = 'aesgcm1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export async function openKeyFileSecretBox(file: string, logger: Logger = silentLogger): Promise<SecretBox> {
  const key = await loadOrCreateKey(file, logger);
  return {
    kind: 'key-file',
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${SCHEME}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
    },
    open(sealed) {
      const prefix = `${SCHEME}:`;
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
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(`the key file ${file} is damaged (expected ${KEY_BYTES} bytes of base64); move it away to start over`);
  }
  return key;
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
