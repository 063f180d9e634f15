// A folder path typed by the person: `~` expanded, required to be absolute (there is no sensible
// "current folder" for an app), and normalised.
import os from 'node:os';
import path from 'node:path';
import { invalid } from '../core-error.js';

export function normalizeLocalPath(input: string, home: string = os.homedir(), platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const text = input.trim();
  let expanded = text;
  if (text === '~') expanded = home;
  else if (text.startsWith('~/') || (platform === 'win32' && text.startsWith('~\\'))) expanded = p.join(home, text.slice(2));
  if (expanded === '' || !p.isAbsolute(expanded)) {
    const example = platform === 'win32' ? 'C:\\Users\\me\\Documents' : '/home/me/Public';
    throw invalid(`Enter the full path of the folder, such as ${example}`);
  }
  return p.resolve(expanded);
}
