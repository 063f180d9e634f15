// Which tray image to load on each system, idle or serving. macOS takes black-and-alpha template
// images (the `Template` suffix makes the menu bar tint them; `@2x` is picked up by name), Windows an
// .ico holding every size the taskbar asks for, Linux a colour PNG. Files live in assets/tray and are
// produced by scripts/make-icons.mjs; test/unit/project/electron-builder.test.ts checks their sizes.
import path from 'node:path';

export type TrayIconState = 'idle' | 'serving';

export interface TrayIconFile {
  /** Path relative to the app root. */
  readonly file: string;
  /** Pixel sizes the file must hold (every size of an .ico; the one size of a PNG). */
  readonly sizes: readonly number[];
}

const WINDOWS_SIZES = [16, 20, 24, 32, 40, 48, 64] as const;

export function trayIconFiles(platform: NodeJS.Platform, state: TrayIconState): readonly TrayIconFile[] {
  const name = state === 'serving' ? 'Serving' : 'Idle';
  switch (platform) {
    case 'darwin':
      return [
        { file: `assets/tray/tray${name}Template.png`, sizes: [16] },
        { file: `assets/tray/tray${name}Template@2x.png`, sizes: [32] },
      ];
    case 'win32':
      return [{ file: `assets/tray/tray-${state}.ico`, sizes: WINDOWS_SIZES }];
    default:
      return [{ file: `assets/tray/tray-${state}.png`, sizes: [32] }];
  }
}

/** The path to hand to `new Tray()` / `setImage()` (for macOS the 1x file; Electron finds @2x). */
export function trayIconPath(appRoot: string, platform: NodeJS.Platform, state: TrayIconState): string {
  const [first] = trayIconFiles(platform, state);
  if (first === undefined) throw new Error(`no tray icon for ${platform}`);
  return path.join(appRoot, first.file);
}
