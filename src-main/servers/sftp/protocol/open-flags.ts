// SSH_FXF_* pflags to the engine's OpenFlags, decoded once here with open(2)'s meaning (as
// OpenSSH's sftp-server maps them onto O_* flags).
import type { OpenFlags } from '../../../vfs/index.js';
import { OpenFlag } from './constants.js';

export function decodeOpenFlags(pflags: number): OpenFlags {
  const write = (pflags & OpenFlag.WRITE) !== 0;
  const create = (pflags & OpenFlag.CREAT) !== 0;
  return {
    // Neither READ nor WRITE is O_RDONLY, as in OpenSSH.
    read: (pflags & OpenFlag.READ) !== 0 || !write,
    write,
    append: (pflags & OpenFlag.APPEND) !== 0,
    create,
    truncate: (pflags & OpenFlag.TRUNC) !== 0,
    // O_EXCL means nothing without O_CREAT.
    exclusive: create && (pflags & OpenFlag.EXCL) !== 0,
  };
}

/** True when the open would change the share (refused on read-only sessions). */
export function opensForChange(flags: OpenFlags): boolean {
  return flags.write || flags.append || flags.create || flags.truncate;
}

const FLAG_NAMES: readonly (readonly [string, number])[] = Object.entries(OpenFlag);

/** "READ|WRITE|CREAT" for the access log. */
export function describeOpenFlags(pflags: number): string {
  let out = '';
  for (const [name, bit] of FLAG_NAMES) if (pflags & bit) out = out ? `${out}|${name}` : name;
  return out || 'NONE';
}
