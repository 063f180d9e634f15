// Promises over ssh2's callback SFTP client API.
import ssh2 from 'ssh2';

export const OPEN_MODE = ssh2.utils.sftp.OPEN_MODE;
export const STATUS_CODE = ssh2.utils.sftp.STATUS_CODE;

type Cb<T> = (err: Error | null | undefined, value?: T) => void;

export function call<T = void>(fn: (cb: Cb<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

export type SftpError = Error & { code?: number };

/** Runs a call that must fail; resolves with the error (its `code` is the SFTP status). */
export async function failure(fn: (cb: Cb<unknown>) => void): Promise<SftpError> {
  try {
    await call(fn);
  } catch (err) {
    return err as SftpError;
  }
  throw new Error('expected the request to fail');
}

/** ssh2 client methods its type definitions lack. */
export interface Ssh2Extras {
  ext_home_dir(username: string, cb: (err: Error | undefined, home?: string) => void): void;
}
