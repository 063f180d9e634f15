// What an exec command gets and gives back: its arguments, the session (for the VFS and the
// user's root) and two output streams. Commands never see the SSH channel itself.
import type { SessionContext } from '../../session.js';

export interface ExecOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface ExecContext {
  readonly session: SessionContext;
  readonly out: ExecOutput;
}

/** Exit statuses as a shell reports them. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_NOT_FOUND = 127;

export type ExecCommand = (args: readonly string[], ctx: ExecContext) => Promise<number>;
