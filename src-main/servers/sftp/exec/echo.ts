// `echo`: rclone's shell detection runs `echo ${ShellId}%ComSpec%`; a POSIX shell prints
// `%ComSpec%`, which is how rclone recognises a unix shell and goes on to use md5sum and df.
import { EXIT_OK } from './exec-types.js';
import type { ExecCommand } from './exec-types.js';

export const echoCommand: ExecCommand = async (args, { out }) => {
  // `-n` as the first argument drops the newline (dash and bash agree on this much).
  const noNewline = args[0] === '-n';
  const words = noNewline ? args.slice(1) : args;
  out.stdout(`${words.join(' ')}${noNewline ? '' : '\n'}`);
  return EXIT_OK;
};
