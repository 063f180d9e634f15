// The help texts. The flag sections are generated from the option tables (src-shared/options).
import { formatOptionsHelp, GENERAL_OPTIONS, SERVE_SFTP_OPTIONS } from '../../src-shared/options/index.js';

export function mainHelp(): string {
  return `Wharf shares folders over SFTP, on a real VFS layer.

Usage:
  wharf serve sftp PATH [flags]   Serve the local folder PATH over SFTP
  wharf serve ftp PATH [flags]    Serve the local folder PATH over FTP/FTPS
  wharf ui --headless             Run the app as a web UI (the desktop window: npm start)
  wharf --help                    Show this help
  wharf --version                 Print the version

Run "wharf serve sftp --help" or "wharf serve ftp --help" for the flags of each server.
`;
}

export function serveSftpHelp(): string {
  return `Serve the local folder PATH over SFTP (rclone serve sftp compatible flags).

Usage:
  wharf serve sftp PATH [flags]

Clients need a way to log in: --user with --pass, an authorized keys file (--authorized-keys, by
default ~/.ssh/authorized_keys when it exists), or --no-auth. Send SIGHUP to flush the directory
cache; SIGINT or SIGTERM stops the server.

${formatOptionsHelp([...SERVE_SFTP_OPTIONS, ...GENERAL_OPTIONS])}`;
}
