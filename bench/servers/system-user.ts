// Looking up a local account in /etc/passwd (servers that drop privileges run as one).
import { promises as fs } from 'node:fs';

export interface SystemUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

export async function findSystemUser(name: string): Promise<SystemUser | undefined> {
  let text: string;
  try {
    text = await fs.readFile('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 7) {
      const uid = Number(f[2]);
      const gid = Number(f[3]);
      if (Number.isInteger(uid) && Number.isInteger(gid)) return { name, uid, gid, home: f[5] ?? '' };
    }
  }
  return undefined;
}
