// A named remote's stored secret, opened for `wharf serve`: only secrets sealed with the key file can
// be, and only while that file exists (it is read, never created). One the desktop app sealed with
// the OS keychain cannot be opened outside it. Each refusal says how to give the secret in PATH
// instead, and none repeats it.
// May import: node builtins, the vfs public API, core's secrets.
import { RemoteSpecError } from '../../vfs/index.js';
import { KEY_FILE_SCHEME, readKeyFileSecretBox } from '../secrets/key-file-secret-box.js';
import { KEYCHAIN_SCHEME, SecretBoxError } from '../secrets/secret-box.js';
import type { SecretBox } from '../secrets/secret-box.js';

export interface StoredSecret {
  /** As the settings hold it: `scheme:data`. */
  readonly sealed: string;
  /** The rclone parameter that gives it in PATH instead. */
  readonly param: 'pass' | 'key_file_pass';
}

export interface SecretKey {
  readonly file: string;
  /** The key file's box, read once; undefined when the file is missing. */
  readonly box: () => SecretBox | undefined;
}

/** The key file at `file`, read on first use only (a remote without secrets never touches it). */
export function secretKey(file: string): SecretKey {
  let box: { readonly value: SecretBox | undefined } | undefined;
  return {
    file,
    box() {
      box ??= { value: readKey(file) };
      return box.value;
    },
  };
}

function readKey(file: string): SecretBox | undefined {
  try {
    return readKeyFileSecretBox(file);
  } catch (err) {
    if (err instanceof SecretBoxError) throw new RemoteSpecError(err.message);
    throw new RemoteSpecError(`cannot read the key file ${file} (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}

/** The secret in plain text, or a RemoteSpecError saying why not and how to give it in PATH. */
export function openStoredSecret(secret: StoredSecret, remote: string, key: SecretKey): string {
  const what = secret.param === 'pass' ? 'password' : 'key passphrase';
  const inPath = `give it in PATH as ${remote},${secret.param}=OBSCURED:path (rclone obscure)`;
  const scheme = secret.sealed.slice(0, secret.sealed.indexOf(':'));
  if (scheme === KEYCHAIN_SCHEME) {
    throw new RemoteSpecError(`remote "${remote}": its ${what} is sealed by the system keychain: only the desktop app can open it; ${inPath}`);
  }
  if (scheme !== KEY_FILE_SCHEME) {
    throw new RemoteSpecError(`remote "${remote}": its ${what} is sealed in a way this Wharf does not know ("${scheme}"); ${inPath}`);
  }
  const box = key.box();
  if (box === undefined) {
    throw new RemoteSpecError(`remote "${remote}": its ${what} cannot be opened: the key file ${key.file} is missing; ${inPath}`);
  }
  try {
    return box.open(secret.sealed);
  } catch (err) {
    if (!(err instanceof SecretBoxError)) throw err;
    throw new RemoteSpecError(
      `remote "${remote}": its ${what} cannot be decrypted with ${key.file} (the key file changed or the secret is damaged); ` +
        `enter it again on the Remotes page of the Wharf app, or ${inPath}`,
    );
  }
}
