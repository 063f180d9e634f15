// "Start at login": macOS and Windows through Electron's login items, Linux through an XDG autostart
// entry (Electron has no login items there). A launch at login starts hidden, in the tray: Windows
// and Linux pass `--hidden`, macOS reports it in getLoginItemSettings().
import fs from 'node:fs/promises';
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
}

export interface StartAtLoginEnv {
  readonly platform: NodeJS.Platform;
  readonly app: LoginItemApp;
  /** The program to start: process.execPath, or $APPIMAGE when running from an AppImage. */
  readonly executable: string;
  /** $XDG_CONFIG_HOME or ~/.config (Linux). */
  readonly configHome: string;
}

export const AUTOSTART_FILE = 'wharf.desktop';

export function autostartPath(configHome: string): string {
  return path.join(configHome, 'autostart', AUTOSTART_FILE);
}

/** One argument of a desktop entry's Exec key, quoted and escaped as the Desktop Entry spec asks. */
export function desktopExecArg(arg: string): string {
  const quoted = `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
  // The Exec value is also a desktop-entry string: backslashes escape once more, % is a field code.
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Wharf',
    'Comment=Share folders over SFTP and FTP',
    `Exec=${desktopExecArg(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function setStartAtLogin(enabled: boolean, env: StartAtLoginEnv): Promise<void> {
  switch (env.platform) {
    case 'darwin':
      env.app.setLoginItemSettings({ openAtLogin: enabled });
      return;
    case 'win32':
      env.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
      return;
    default: {
      const file = autostartPath(env.configHome);
      if (!enabled) {
        await fs.rm(file, { force: true });
        return;
      }
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written whole to a temporary name and renamed, so a session manager never reads half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, autostartEntry(env.executable), { mode: 0o644 });
      await fs.rename(tmp, file);
      return;
    }
  }
}

export async function isStartAtLoginEnabled(env: StartAtLoginEnv): Promise<boolean> {
  if (env.platform === 'darwin' || env.platform === 'win32') return env.app.getLoginItemSettings().openAtLogin;
  return fs.access(autostartPath(env.configHome)).then(
    () => true,
    () => false,
  );
}

/** Started at login: stay in the tray and do not open the window. */
export function launchedHidden(argv: readonly string[], platform: NodeJS.Platform, app: LoginItemApp): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
