// `wharf serve NAME:path` with the app's named remotes: settings written by the real core (key-file
// or keychain sealed secrets), then PATH resolved through the CLI's read-only lookup. What the app
// stored comes through, PATH parameters win (a secret given there is never opened), local paths and
// connection strings never read the settings, every problem is a PATH error without a secret, and
// the config dir is left byte for byte as it was (no key file created, the settings not migrated).
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/index.js';
import type { CliIo } from '../../../src-main/cli/index.js';
import { ServiceConfigError } from '../../../src-main/core/index.js';
import type { SecretBox } from '../../../src-main/core/index.js';
import { namedRemoteLookup } from '../../../src-main/core/remotes/named-remote-lookup.js';
import { describeSpec, resolveServePath } from '../../../src-main/core/serve-common-source.js';
import { safeStorageSecretBox } from '../../../src-main/electron/safe-storage-secret-box.js';
import { obscure } from '../../../src-main/vfs/index.js';
import { openTestCore, removeTempDirs, tempDir } from './core-test-kit.js';

afterAll(removeTempDirs);

const PASSWORD = 'stored-remote-password-4711';
const PASSPHRASE = 'stored-key-passphrase-0815';

interface RemoteInput {
  readonly name: string;
  readonly password?: string;
  readonly keyFile?: string | null;
  readonly keyPassphrase?: string;
  readonly knownHostsFile?: string | null;
}

/** A config dir whose settings the real app core wrote, with these remotes (sealed by `secrets`). */
async function configWith(remotes: readonly RemoteInput[], secrets?: SecretBox): Promise<string> {
  const { core, configDir } = await openTestCore(undefined, secrets === undefined ? {} : { secrets });
  for (const r of remotes) {
    core.remotes.create({
      host: 'files.example',
      port: 2222,
      user: 'alice',
      keyFile: null,
      knownHostsFile: null,
      ...r,
    });
  }
  await core.close();
  return configDir;
}

/** A stand-in keychain: the real safeStorage box over a reversible port. */
const keychain = safeStorageSecretBox({
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decryptString: (data) => Buffer.from(data).reverse().toString('utf8'),
});

const ctx = { cwd: '/work/here', home: '/home/me', platform: 'linux' as const };

function resolveIn(configDir: string, text: string) {
  const { lookup, whyUnknown } = namedRemoteLookup(configDir);
  return resolveServePath(text, { ...ctx, lookup, whyUnknown });
}

/** The PATH error for `text`, checked to be a configuration error that holds no secret. */
function failIn(configDir: string, text: string): string {
  try {
    resolveIn(configDir, text);
  } catch (err) {
    expect(err).toBeInstanceOf(ServiceConfigError);
    const message = (err as Error).message;
    for (const secret of [PASSWORD, PASSPHRASE, 'aesgcm1:', 'safestorage1:']) expect(message).not.toContain(secret);
    return message;
  }
  throw new Error(`${text} was accepted`);
}

/** Every file under `dir` with its bytes and mode, to prove nothing was created or changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      const rel = path.relative(dir, p);
      const st = await stat(p);
      if (entry.isDirectory()) {
        out[`${rel}/`] = `dir ${(st.mode & 0o777).toString(8)} ${st.mtimeMs}`;
        await walk(p);
      } else {
        out[rel] = `${(st.mode & 0o777).toString(8)} ${st.mtimeMs} ${(await readFile(p)).toString('base64')}`;
      }
    }
  };
  await walk(dir);
  return out;
}

describe('named remotes from the app settings', () => {
  it('resolves NAME:path with everything the app stored, without changing the config dir', async () => {
    const dir = await configWith([
      { name: 'work', password: PASSWORD, keyFile: '/keys/id_ed25519', keyPassphrase: PASSPHRASE, knownHostsFile: '/keys/known_hosts' },
    ]);
    const before = await snapshot(dir);
    const spec = resolveIn(dir, 'work:projects');
    expect(spec).toEqual({
      type: 'sftp',
      host: 'files.example',
      port: 2222,
      user: 'alice',
      root: 'projects',
      password: PASSWORD,
      keyFile: '/keys/id_ed25519',
      keyPassphrase: PASSPHRASE,
      knownHostsFile: '/keys/known_hosts',
    });
    expect(describeSpec(spec)).toBe('sftp://alice@files.example:2222/~/projects');
    expect(resolveIn(dir, 'work:/srv/data')).toMatchObject({ root: '/srv/data' });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('lets parameters in PATH override the stored ones', async () => {
    const dir = await configWith([{ name: 'work', password: PASSWORD, keyFile: '/keys/id', keyPassphrase: PASSPHRASE }]);
    expect(resolveIn(dir, 'work,user=bob,port=2200,host=other.example:x')).toMatchObject({ host: 'other.example', port: 2200, user: 'bob', password: PASSWORD });
    expect(resolveIn(dir, `work,pass=${obscure('given-pw')},key_file_pass=${obscure('given-phrase')}:x`)).toMatchObject({
      password: 'given-pw',
      keyPassphrase: 'given-phrase',
    });
    expect(resolveIn(dir, 'work,key_file=other/id:x')).toMatchObject({ keyFile: '/work/here/other/id' });
  });

  it('refuses keychain-sealed secrets, unless PATH gives them (then they are not opened)', async () => {
    const dir = await configWith([{ name: 'desk', password: PASSWORD, keyFile: '/keys/id', keyPassphrase: PASSPHRASE }], keychain);
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toContain('"password": "safestorage1:');
    expect(failIn(dir, 'desk:x')).toBe(
      'PATH: remote "desk": its password is sealed by the system keychain: only the desktop app can open it; ' +
        'give it in PATH as desk,pass=OBSCURED:path (rclone obscure)',
    );
    expect(failIn(dir, `desk,pass=${obscure('typed-pw')}:x`)).toMatch(/its key passphrase is sealed by the system keychain.*desk,key_file_pass=OBSCURED:path/);
    expect(resolveIn(dir, `desk,pass=${obscure('typed-pw')},key_file_pass=${obscure('typed-phrase')}:x`)).toMatchObject({
      host: 'files.example',
      password: 'typed-pw',
      keyPassphrase: 'typed-phrase',
    });
  });

  it('says when a key-file secret cannot be opened: key file missing, or another key', async () => {
    const dir = await configWith([{ name: 'work', password: PASSWORD }, { name: 'bykey', keyFile: '/keys/id' }]);
    const keyFile = path.join(dir, 'secret.key');
    const key = await readFile(keyFile);
    await rm(keyFile);
    const before = await snapshot(dir);
    expect(failIn(dir, 'work:x')).toBe(
      `PATH: remote "work": its password cannot be opened: the key file ${keyFile} is missing; give it in PATH as work,pass=OBSCURED:path (rclone obscure)`,
    );
    // A remote without secrets does not need the key file.
    expect(resolveIn(dir, 'bykey:x')).toMatchObject({ keyFile: '/keys/id', user: 'alice' });
    expect(resolveIn(dir, `work,pass=${obscure('typed')}:x`)).toMatchObject({ password: 'typed' });
    expect(await snapshot(dir)).toEqual(before);

    await writeFile(keyFile, `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
    expect(failIn(dir, 'work:x')).toMatch(
      new RegExp(`^PATH: remote "work": its password cannot be decrypted with ${keyFile} \\(the key file changed or the secret is damaged\\); enter it again on the Remotes page of the Wharf app, or give it in PATH as work,pass=OBSCURED:path`),
    );
    await writeFile(keyFile, 'short\n');
    expect(failIn(dir, 'work:x')).toMatch(/^PATH: the key file .*secret\.key is damaged/);
    await writeFile(keyFile, key);
    expect(resolveIn(dir, 'work:x')).toMatchObject({ password: PASSWORD });
  });

  it('explains an unknown remote: no settings file, or no remote of that name', async () => {
    const empty = await tempDir('no-settings');
    expect(failIn(empty, 'work:projects')).toBe(
      `PATH: unknown remote "work": there is no settings file ${path.join(empty, 'settings.json')} (the Remotes page of the Wharf app adds named remotes); ` +
        'use a connection string such as :sftp,host=HOST,user=USER:/path, or ./work:... for a local folder',
    );
    expect(await readdir(empty)).toEqual([]);
    const dir = await configWith([{ name: 'home', password: PASSWORD }]);
    expect(failIn(dir, 'work:projects')).toMatch(
      new RegExp(`^PATH: unknown remote "work": ${path.join(dir, 'settings.json')} has no remote named "work" \\(the Remotes page of the Wharf app adds named remotes\\); .* or \\./work:\\.\\.\\. for a local folder$`),
    );
  });

  it('refuses settings it cannot read, not JSON, or from a newer Wharf, without quoting them', async () => {
    const dir = await tempDir('bad-settings');
    const file = path.join(dir, 'settings.json');
    await writeFile(file, `{"remotes": [{"name": "work", "password": "aesgcm1:${Buffer.from(PASSWORD).toString('base64')}"`);
    expect(failIn(dir, 'work:x')).toBe(`PATH: the settings file ${file} is not valid JSON (the Wharf app sets such a file aside when it starts)`);
    await writeFile(file, JSON.stringify({ version: 99, remotes: [] }));
    expect(failIn(dir, 'work:x')).toMatch(/^PATH: cannot use the settings file .*: the settings were written by a newer Wharf \(settings version 99; this one reads up to 1\): update Wharf$/);
    await writeFile(file, JSON.stringify({ version: 1, remotes: 'none' }));
    expect(failIn(dir, 'work:x')).toMatch(/"remotes" is not a list/);
    await rm(file);
    await writeFile(file, '{}', { mode: 0o000 });
    if (process.getuid?.() !== 0) expect(failIn(dir, 'work:x')).toBe(`PATH: cannot read the settings file ${file} (EACCES)`);
  });

  it('checks only the remote asked for: a broken entry blocks nothing else', async () => {
    const dir = await configWith([{ name: 'good', password: PASSWORD }, { name: 'bad', password: PASSWORD }]);
    const file = path.join(dir, 'settings.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as { remotes: Record<string, unknown>[] };
    doc.remotes = doc.remotes.map((r) => (r.name === 'bad' ? { ...r, port: 70000, host: 7 } : r));
    await writeFile(file, JSON.stringify(doc));
    expect(resolveIn(dir, 'good:x')).toMatchObject({ host: 'files.example', password: PASSWORD });
    expect(failIn(dir, 'bad:x')).toMatch(/^PATH: remote "bad" in .*settings\.json is not valid \(host: .*; port: .*\); fix it on the Remotes page of the Wharf app$/);
  });

  it('migrates an older document in memory only', async () => {
    const dir = await configWith([{ name: 'work', password: PASSWORD }]);
    const file = path.join(dir, 'settings.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    // Version 0: no version and no app section, as a hand-written file.
    await writeFile(file, JSON.stringify({ remotes: doc.remotes }));
    const before = await snapshot(dir);
    expect(resolveIn(dir, 'work:x')).toMatchObject({ host: 'files.example', password: PASSWORD });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('never reads the settings for a local folder or a connection string', async () => {
    // A config "dir" that is a file: any read of the settings under it fails.
    const blocker = path.join(await tempDir('blocked'), 'not-a-dir');
    await writeFile(blocker, 'x');
    expect(resolveIn(blocker, '/srv/share')).toEqual({ type: 'local', root: '/srv/share' });
    expect(resolveIn(blocker, './a:b')).toEqual({ type: 'local', root: '/work/here/a:b' });
    expect(resolveIn(blocker, ':sftp,host=h,user=u:/x')).toMatchObject({ type: 'sftp', host: 'h' });
    expect(failIn(blocker, 'work:x')).toBe(`PATH: cannot read the settings file ${path.join(blocker, 'settings.json')} (ENOTDIR)`);
  });
});

/** A fake io for runCli with this config dir: flag mistakes fail before anything starts. */
function fakeIo(configDir: string): CliIo & { stderr: () => string } {
  let err = '';
  const home = path.join(os.tmpdir(), 'wharf-no-such-home');
  return {
    out: () => undefined,
    err: (t) => void (err += t),
    env: { HOME: home, WHARF_CONFIG_DIR: configDir },
    cwd: os.tmpdir(),
    onSignal: () => () => undefined,
    stderr: () => err,
  };
}

describe('wharf serve reads named remotes from WHARF_CONFIG_DIR', () => {
  for (const protocol of ['sftp', 'ftp'] as const) {
    it(`serve ${protocol}`, async () => {
      const dir = await configWith([{ name: 'work', password: PASSWORD }]);
      const auth = protocol === 'sftp' ? ['--no-auth'] : [];
      const before = await snapshot(dir);
      // PATH resolves, so the run gets as far as the next flag mistake.
      const known = fakeIo(dir);
      expect(await runCli(['serve', protocol, 'work:projects', ...auth, '--transfers', '0'], known)).toBe(2);
      expect(known.stderr()).toMatch(/--transfers must be at least 1/);
      const unknown = fakeIo(dir);
      expect(await runCli(['serve', protocol, 'play:x', ...auth], unknown)).toBe(2);
      expect(unknown.stderr()).toContain(`PATH: unknown remote "play": ${path.join(dir, 'settings.json')} has no remote named "play"`);
      expect(await snapshot(dir)).toEqual(before);
      const blocker = path.join(dir, 'settings.json');
      const local = fakeIo(blocker);
      expect(await runCli(['serve', protocol, os.tmpdir(), ...auth, '--transfers', '0'], local)).toBe(2);
      expect(local.stderr()).toMatch(/--transfers must be at least 1/);
    });
  }
});
