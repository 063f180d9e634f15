// A real Wharf FTP server for tests: createFtpServer over a Vfs on a temp folder, listening on
// 127.0.0.1:0, with a static user "alice"/"secret". The shared folder is `<tmp>/share`, so tests can
// put files next to it (outside the share) to prove confinement. Logs are kept for assertions.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../../src-shared/logger.js';
import { createStaticAuthenticator } from '../../src-main/servers/auth/index.js';
import { createFtpServer } from '../../src-main/servers/ftp/index.js';
import type { FtpLimits, FtpServer, FtpTlsConfig } from '../../src-main/servers/ftp/index.js';
import { createLocalBackend, DEFAULT_VFS_OPTIONS, Vfs } from '../../src-main/vfs/index.js';
import type { VfsOptions } from '../../src-main/vfs/index.js';

export const FTP_USER = 'alice';
export const FTP_PASS = 'secret';

export interface FtpHarnessOptions {
  readonly readOnly?: boolean;
  readonly vfsOptions?: Partial<VfsOptions>;
  readonly tls?: FtpTlsConfig;
  readonly limits?: Partial<FtpLimits>;
  readonly passivePorts?: { readonly min: number; readonly max: number };
  readonly host?: string;
  /** Where the temp folder is made (default: the OS temp dir). */
  readonly parent?: string;
}

export interface FtpHarness {
  readonly host: string;
  readonly port: number;
  /** `<tmp>`: holds `share` (served) and anything a test puts outside it. */
  readonly base: string;
  /** The served folder. */
  readonly root: string;
  readonly logs: readonly string[];
  readonly server: FtpServer;
  close(): Promise<void>;
}

export function recordingLogger(lines: string[]): Logger {
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

export async function startFtpHarness(options: FtpHarnessOptions = {}): Promise<FtpHarness> {
  const base = await mkdtemp(path.join(options.parent ?? os.tmpdir(), 'wharf-ftp-'));
  const root = path.join(base, 'share');
  await mkdir(root);
  const vfs = new Vfs(await createLocalBackend(root), { ...DEFAULT_VFS_OPTIONS, ...options.vfsOptions });
  const logs: string[] = [];
  const server = createFtpServer({
    vfs,
    authenticator: createStaticAuthenticator({ user: FTP_USER, password: FTP_PASS, failureDelayMs: 20 }),
    readOnly: options.readOnly ?? false,
    logger: recordingLogger(logs),
    passivePorts: options.passivePorts ?? { min: 0, max: 0 },
    tls: options.tls,
    limits: options.limits,
  });
  const host = options.host ?? '127.0.0.1';
  const { port } = await server.listen(host, 0);
  return {
    host,
    port,
    base,
    root,
    logs,
    server,
    async close() {
      await server.close();
      await vfs.shutdown();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/**
 * A temp parent for tests that create thousands of files: tmpfs (/dev/shm) when there is one, as
 * creating files on this machine's disk-backed /tmp can cost half a millisecond each.
 */
export function fastTempParent(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

/** A self-signed certificate and key for 127.0.0.1 / localhost, made by `openssl req`. */
export async function makeSelfSignedCert(dir: string): Promise<{ cert: string; key: string; certPath: string }> {
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  const { readFile } = await import('node:fs/promises');
  return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8'), certPath };
}
