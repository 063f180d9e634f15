// Turns the FTPS settings into the server's TLS config, refusing combinations that cannot work
// (--implicit-tls or --require-tls without a certificate, a certificate without its key) and files
// that are unreadable, not PEM, or do not belong together, each with a message naming the flag.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Logger } from '../../src-shared/logger.js';
import type { FtpTlsConfig } from '../servers/ftp/index.js';
import type { FtpTlsMode, FtpTlsSettings } from './ftp-service-config.js';
import { ServiceConfigError } from './service-error.js';
import { describeFsError } from './serve-common.js';

/** Largest PEM file read: a certificate chain is a few KiB; this stops a wrong path to a huge file. */
const MAX_PEM_BYTES = 1024 * 1024;

export function tlsModeOf(settings: FtpTlsSettings): FtpTlsMode {
  if (settings.certFile === undefined) return 'none';
  return settings.implicit ? 'implicit' : 'explicit';
}

/** Undefined when no certificate is configured (plain FTP). */
export async function loadFtpTls(settings: FtpTlsSettings, logger: Logger): Promise<FtpTlsConfig | undefined> {
  const { certFile, keyFile } = settings;
  if (certFile === undefined && keyFile === undefined) {
    if (settings.implicit) throw new ServiceConfigError('--implicit-tls needs --cert and --key');
    if (settings.require) throw new ServiceConfigError('--require-tls needs --cert and --key');
    return undefined;
  }
  if (keyFile === undefined) throw new ServiceConfigError('--cert needs --key (the private key of the certificate)');
  if (certFile === undefined) throw new ServiceConfigError('--key needs --cert (the certificate of the key)');

  const cert = await readPem('--cert', certFile);
  const key = await readPem('--key', keyFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new ServiceConfigError(`--cert: ${certFile} holds no PEM certificate`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ServiceConfigError(`--key: ${keyFile} holds no unencrypted PEM private key`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new ServiceConfigError(`--cert and --key do not belong together: ${keyFile} is not the key of ${certFile}`);
  }
  const validTo = Date.parse(x509.validTo);
  if (Number.isFinite(validTo) && validTo < Date.now()) {
    logger.warn(`--cert: the certificate expired on ${x509.validTo}; clients that check it will refuse to connect`);
  }
  return { cert, key, implicit: settings.implicit, require: settings.require };
}

/** Reads at most MAX_PEM_BYTES + 1 bytes, so a wrong path (a device, a huge file) fails fast. */
async function readPem(flag: string, file: string): Promise<Buffer> {
  const fail = (err: NodeJS.ErrnoException): never => {
    throw new ServiceConfigError(`${flag}: cannot read ${file}: ${describeFsError(err)}`);
  };
  const handle = await open(file, 'r').catch(fail);
  try {
    const buffer = Buffer.alloc(MAX_PEM_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length).catch(fail);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_PEM_BYTES) throw new ServiceConfigError(`${flag}: ${file} is too large for a PEM file`);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
