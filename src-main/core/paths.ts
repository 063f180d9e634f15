// Where Wharf keeps its own files on each OS: the config dir (host keys, settings) and the cache dir
// (VFS file cache). Pure functions of the environment so they are testable for every platform.
import os from 'node:os';
import path from 'node:path';

export interface PathEnv {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly home: string;
}

export function currentPathEnv(): PathEnv {
  return { env: process.env, platform: process.platform, home: os.homedir() };
}

/** Path helpers that match the target platform's separators (win32 paths on Windows). */
function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * `$WHARF_CONFIG_DIR`; else Linux/BSD `$XDG_CONFIG_HOME/wharf` or `~/.config/wharf`, macOS
 * `~/Library/Application Support/Wharf`, Windows `%APPDATA%\Wharf`.
 */
export function configDir({ env, platform, home }: PathEnv = currentPathEnv()): string {
  const p = pathFor(platform);
  if (env.WHARF_CONFIG_DIR) return p.resolve(env.WHARF_CONFIG_DIR);
  switch (platform) {
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', 'Wharf');
    case 'win32':
      return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), 'Wharf');
    default:
      return p.join(absoluteOr(env.XDG_CONFIG_HOME, p) ?? p.join(home, '.config'), 'wharf');
  }
}

/**
 * `$WHARF_CACHE_DIR`; else Linux/BSD `$XDG_CACHE_HOME/wharf` or `~/.cache/wharf`, macOS
 * `~/Library/Caches/Wharf`, Windows `%LOCALAPPDATA%\Wharf\Cache`.
 */
export function cacheDir({ env, platform, home }: PathEnv = currentPathEnv()): string {
  const p = pathFor(platform);
  if (env.WHARF_CACHE_DIR) return p.resolve(env.WHARF_CACHE_DIR);
  switch (platform) {
    case 'darwin':
      return p.join(home, 'Library', 'Caches', 'Wharf');
    case 'win32':
      return p.join(env.LOCALAPPDATA || p.join(home, 'AppData', 'Local'), 'Wharf', 'Cache');
    default:
      return p.join(absoluteOr(env.XDG_CACHE_HOME, p) ?? p.join(home, '.cache'), 'wharf');
  }
}

export function hostKeysDir(config: string): string {
  return path.join(config, 'host-keys');
}

/** The settings document's name (conf and electron-store add `.json`): one name for every reader. */
export const SETTINGS_NAME = 'settings';

/** The app's settings (desktop and headless write the same file); `wharf serve` only reads it. */
export function settingsFile(config: string): string {
  return path.join(config, `${SETTINGS_NAME}.json`);
}

/** The key that seals the app's secrets when the OS keychain does not (key-file-secret-box.ts). */
export function secretKeyFile(config: string): string {
  return path.join(config, 'secret.key');
}

/** The XDG spec says relative values are invalid and must be ignored. */
function absoluteOr(value: string | undefined, p: path.PlatformPath): string | undefined {
  return value && p.isAbsolute(value) ? value : undefined;
}

/** Expands a leading `~` (the shell does not expand it after `--flag=`). */
export function expandHome(file: string, home: string = os.homedir()): string {
  if (file === '~') return home;
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(home, file.slice(2));
  return file;
}

/** The authorized keys file used when `--authorized-keys` is not given (as ssh and rclone). */
export function defaultAuthorizedKeysFile(home: string = os.homedir()): string {
  return path.join(home, '.ssh', 'authorized_keys');
}
