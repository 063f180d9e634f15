// Names for numeric owners. Only the server process's own user and group are named: they are the
// owners of files Wharf creates, and naming them reveals nothing beyond what the share shows.
// Every other id stays numeric (users-groups-by-id answers it with an empty string).
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export interface IdNames {
  user(uid: number): string | undefined;
  group(gid: number): string | undefined;
}

let loaded: Promise<IdNames> | undefined;

/** Resolved once per process; never rejects (an unnamed id is not an error). */
export function loadIdNames(): Promise<IdNames> {
  loaded ??= resolveOwnNames();
  return loaded;
}

async function resolveOwnNames(): Promise<IdNames> {
  let uid = -1;
  let gid = -1;
  let userName: string | undefined;
  try {
    const info = os.userInfo();
    uid = info.uid;
    gid = info.gid;
    userName = info.username || undefined;
  } catch {
    // No passwd entry for this uid (containers): leave everything numeric.
  }
  const groupName = gid >= 0 ? await groupNameOf(gid) : undefined;
  return {
    user: (id) => (id === uid ? userName : undefined),
    group: (id) => (id === gid ? groupName : undefined),
  };
}

async function groupNameOf(gid: number): Promise<string | undefined> {
  try {
    const text = await readFile('/etc/group', 'utf8');
    for (const line of text.split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id !== undefined && Number(id) === gid) return name;
    }
  } catch {
    // Not a POSIX system, or unreadable: the group stays numeric.
  }
  return undefined;
}
