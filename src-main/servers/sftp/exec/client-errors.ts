// Error text for exec commands as coreutils prints it (`md5sum: NAME: No such file or directory`),
// built from the VFS's client-safe messages: never a local path or a stack.
import { toVfsError } from '../../../vfs/index.js';

export function errorLine(command: string, clientPath: string, err: unknown): string {
  return `${command}: ${clientPath}: ${toVfsError(err).message}\n`;
}
