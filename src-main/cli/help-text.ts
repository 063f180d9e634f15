// The help texts. The flag sections are generated from the option tables (src-shared/options).
import { formatOptionsHelp, GENERAL_OPTIONS, SERVE_SFTP_OPTIONS } from '../../src-shared/options/index.js';

export function mainHelp(): string {
  return `Wharf shares folders over SFTP, on a real VFS layer.

Usage:
  wharf serve sftp PATH [flags]   Serve a folder or an SFTP remote over SFTP
  wharf serve ftp PATH [flags]    Serve a folder or an SFTP remote over FTP/FTPS
  wharf ui --headless             Run the app as a web UI (the desktop window: npm start)
  wharf --help                    Show this help
  wharf --version                 Print the version

Run "wharf serve sftp --help" or "wharf serve ftp --help" for the flags of each server.
`;
}

export function serveSftpHelp(): string {
  return `Serve PATH over SFTP (rclone serve sftp compatible flags). PATH is a local folder, an SFTP
remote in rclone's connection-string syntax (:sftp,host=HOST,user=USER,key_file=FILE:/path), or
NAME:path for a remote added on the Remotes page of the Wharf app.

Usage:
  wharf serve sftp PATH [flags]
  wharf serve sftp --auth-proxy PROG [flags]

Clients need a way to log in: --user with --pass, an authorized keys file (--authorized-keys, by
default ~/.ssh/authorized_keys when it exists), --auth-proxy (PROG decides every login and says
what it is served; PATH is then left out), or --no-auth. Send SIGHUP to flush the directory cache;
SIGINT or SIGTERM stops the server after pending uploads are flushed.

${formatOptionsHelp([...SERVE_SFTP_OPTIONS, ...GENERAL_OPTIONS])}`;
}
