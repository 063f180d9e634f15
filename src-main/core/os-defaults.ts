// Defaults that depend on the operating system. Windows and macOS file systems ignore case by
// default, so clients there expect `a.txt` and `A.TXT` to be the same file (rclone does the same).
export function caseInsensitiveDefault(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}
