// How a user's login methods and last login read in the table. Pure (no DOM).
import type { User } from '../../../src-shared/contract/index.js';
import { formatClock } from '../../components/format.js';

export function describeLogin(user: User): { readonly text: string; readonly usable: boolean } {
  const keys = user.keys.length === 0 ? '' : user.keys.length === 1 ? '1 key' : `${user.keys.length} keys`;
  if (user.hasPassword && keys) return { text: `Password, ${keys}`, usable: true };
  if (user.hasPassword) return { text: 'Password', usable: true };
  if (keys) return { text: keys, usable: true };
  return { text: 'Nothing yet: cannot log in', usable: false };
}

/** "Connected now" while a session is open; otherwise the user's last login, or a dash if never. */
export function lastLoginText(user: User, connected: number): string {
  if (connected > 0) return connected === 1 ? 'Connected now' : `Connected now (${connected})`;
  return user.lastLogin === null ? '—' : formatClock(user.lastLogin);
}
