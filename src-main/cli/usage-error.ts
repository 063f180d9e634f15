// A mistake in how the command was called (unknown flag, bad value, missing PATH, no way to log in):
// the CLI prints its one-line message and a usage hint and exits with code 2.
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` the hint points at ("wharf serve sftp"). */
    readonly command = 'wharf',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
