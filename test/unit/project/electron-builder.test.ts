// electron-builder.yml is only exercised on release machines (Electron and NSIS cannot be fetched
// here), so this test is its CI: the file must pass electron-builder's own schema, carry the
// security and platform settings issue 5 asks for, and every icon it or the tray names must exist
// at the right pixel sizes.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIconFiles } from '../../../src-main/electron/tray-icons.js';
import { decodePngRgba, pngSize, readIco } from '../electron/image-headers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Json = Record<string, unknown>;
const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Json;
const section = (name: string): Json => (config[name] ?? {}) as Json;
const abs = (rel: string) => path.join(ROOT, rel);

/** Every string value under a key whose name mentions "icon", with where it was found. */
function iconPaths(node: unknown, where = ''): Array<[string, string]> {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node as Json).flatMap(([key, value]) => {
    const at = where ? `${where}.${key}` : key;
    if (typeof value === 'string' && /icon/i.test(key)) return [[at, value] as [string, string]];
    return iconPaths(value, at);
  });
}

function targets(platform: string): string[] {
  const list = (section(platform).target ?? []) as Array<string | { target: string }>;
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema, and the schema check does catch a mistake", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...structuredClone(config), electronFuses: { ...section('electronFuses'), runAsnode: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  }, 30_000);

  it('names the app and an entry point that the build produces', () => {
    expect(config.appId).toBe('app.wharf.desktop');
    expect(config.productName).toBe('Wharf');
    const pkg = JSON.parse(readFileSync(abs('package.json'), 'utf8')) as Json;
    expect(pkg.main).toBe('dist/src-main/electron/main.js');
    expect(existsSync(abs('src-main/electron/main.ts'))).toBe(true);
    const files = config.files as string[];
    expect(files).toContain('dist/**');
    expect(files).toContain('dist-renderer/**');
  });

  it('builds NSIS on Windows, DMG and zip on macOS, AppImage on Linux', () => {
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac').sort()).toEqual(['dmg', 'zip']);
    expect(targets('linux')).toEqual(['AppImage']);
  });

  it('signs macOS with the hardened runtime, an entitlements file and a local-network reason', () => {
    const mac = section('mac');
    expect(mac.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(abs(mac.entitlements as string), 'utf8');
    expect(entitlements).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    // Hardened-runtime escapes Wharf does not need stay out.
    expect(entitlements).not.toMatch(/disable-library-validation|allow-dyld-environment-variables/);
    expect(existsSync(abs(mac.entitlementsInherit as string))).toBe(true);
    const info = mac.extendInfo as Json;
    expect(String(info.NSLocalNetworkUsageDescription)).toMatch(/local network/);
  });

  it('flips the fuses that close Node back doors and pin the app to its asar', () => {
    expect(section('electronFuses')).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("rebuilds ssh2's native binding for Electron and keeps it outside the asar", () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('points at icons that exist with the sizes each platform needs', () => {
    const icons = iconPaths(config);
    expect(icons.map(([at]) => at).sort()).toEqual(
      expect.arrayContaining(['linux.icon', 'mac.icon', 'nsis.installerIcon', 'nsis.uninstallerIcon', 'win.icon']),
    );
    for (const [at, rel] of icons) {
      expect(existsSync(abs(rel)), `${at}: ${rel}`).toBe(true);
      if (rel.endsWith('.png')) {
        const { width, height } = pngSize(abs(rel));
        expect(width, at).toBe(height);
        // macOS makes its .icns from this PNG and wants 512 px at least; 1024 gives the @2x size.
        expect(width, at).toBeGreaterThanOrEqual(1024);
      } else if (rel.endsWith('.ico')) {
        const sizes = readIco(abs(rel)).map((e) => e.width);
        expect(sizes, at).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
      } else {
        throw new Error(`${at}: unexpected icon type ${rel}`);
      }
    }
  });

  it('ships the 512 px window icon and every tray image, at their sizes', () => {
    const files = config.files as string[];
    const packed = (rel: string) => files.some((g) => !g.startsWith('!') && path.matchesGlob(rel, g));
    expect(pngSize(abs('assets/icon-512.png'))).toEqual({ width: 512, height: 512 });
    expect(packed('assets/icon-512.png')).toBe(true);
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const state of ['idle', 'serving'] as const) {
        for (const { file, sizes } of trayIconFiles(platform, state)) {
          expect(packed(file), file).toBe(true);
          if (file.endsWith('.ico')) {
            expect(readIco(abs(file)).map((e) => e.width), file).toEqual([...sizes]);
          } else {
            const [size] = sizes;
            expect(pngSize(abs(file)), file).toEqual({ width: size, height: size });
          }
        }
      }
    }
  });

  it('draws macOS tray templates in black and alpha only, and serving differs from idle', () => {
    for (const state of ['idle', 'serving'] as const) {
      for (const { file } of trayIconFiles('darwin', state)) {
        const { pixels } = decodePngRgba(readFileSync(abs(file)));
        let opaque = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if ((pixels[i + 3] ?? 0) === 0) continue;
          opaque++;
          expect([pixels[i], pixels[i + 1], pixels[i + 2]], file).toEqual([0, 0, 0]);
        }
        expect(opaque, file).toBeGreaterThan(pixels.length / 4 / 5);
      }
    }
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const [idle] = trayIconFiles(platform, 'idle');
      const [serving] = trayIconFiles(platform, 'serving');
      expect(readFileSync(abs(idle!.file)).equals(readFileSync(abs(serving!.file))), platform).toBe(false);
    }
  });
});
