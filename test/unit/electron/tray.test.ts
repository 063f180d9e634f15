// The tray is built from the same Share models the window gets: these tests feed it shares in each
// server state and click the resulting menu items.
import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerStatus, Share } from '../../../src-shared/contract/index.js';
import { TrayController } from '../../../src-main/electron/tray-controller.js';
import type { TrayPort } from '../../../src-main/electron/tray-controller.js';
import { trayIconPath } from '../../../src-main/electron/tray-icons.js';
import type { TrayActions } from '../../../src-main/electron/tray-menu.js';
import { trayMenuTemplate } from '../../../src-main/electron/tray-menu.js';
import { serverUrl, trayView } from '../../../src-main/electron/tray-state.js';
import type { TrayInput } from '../../../src-main/electron/tray-state.js';

const STOPPED: ServerStatus = { state: 'stopped' };

function share(id: string, name: string, sftp: ServerStatus, ftp: ServerStatus = STOPPED): Share {
  return {
    id,
    name,
    source: { kind: 'local', path: `/srv/${name}` },
    sftp: { enabled: sftp.state !== 'stopped', port: 2022, bind: 'localhost' },
    ftp: { enabled: ftp.state !== 'stopped', port: 2121, bind: 'localhost' },
    readOnly: false,
    vfs: {},
    authProxy: null,
    status: { sftp, ftp },
    userCount: 1,
  };
}

const running = (host: string, port: number): ServerStatus => ({ state: 'running', host, port, since: 1 });
const input = (shares: Share[], over: Partial<TrayInput> = {}): TrayInput => ({
  shares,
  protocols: { sftp: true, ftp: true },
  lanAddress: '192.168.1.20',
  ...over,
});

function recordingActions() {
  const log: string[] = [];
  const actions: TrayActions = {
    toggleServer: (id, protocol, on) => log.push(`toggle ${id} ${protocol} ${on ? 'on' : 'off'}`),
    shareFolderOverSftp: () => log.push('share-folder'),
    copyText: (text) => log.push(`copy ${text}`),
    showWindow: () => log.push('show'),
    quit: () => log.push('quit'),
  };
  return { log, actions };
}

const byId = (template: MenuItemConstructorOptions[], id: string) => {
  const item = template.find((i) => i.id === id);
  if (!item) throw new Error(`no menu item ${id}: ${template.map((i) => i.id).join(', ')}`);
  return item;
};
const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('tray menu', () => {
  it('has a status line, one checkbox per share and protocol, then the fixed items', () => {
    const { actions } = recordingActions();
    const view = trayView(input([share('a', 'Photos', running('127.0.0.1', 2022)), share('b', 'Music', STOPPED)]));
    const template = trayMenuTemplate(view, actions);
    expect(template[0]).toMatchObject({ id: 'status', label: 'Serving 1 share', enabled: false });
    const checkboxes = template.filter((i) => i.type === 'checkbox');
    expect(checkboxes.map((i) => [i.label, i.checked])).toEqual([
      ['Photos · SFTP — sftp://127.0.0.1:2022/', true],
      ['Photos · FTP', false],
      ['Music · SFTP', false],
      ['Music · FTP', false],
    ]);
    expect(template.filter((i) => i.type !== 'separator').map((i) => i.id).slice(-4)).toEqual(['share-folder', 'copy-address', 'show', 'quit']);
    expect(byId(template, 'share-folder').label).toBe('Share folder over SFTP…');
  });

  it('toggles a server: a checked item stops it, an unchecked one starts it', () => {
    const { log, actions } = recordingActions();
    const template = trayMenuTemplate(trayView(input([share('a', 'Photos', running('127.0.0.1', 2022))])), actions);
    click(byId(template, 'server:a:sftp'));
    click(byId(template, 'server:a:ftp'));
    expect(log).toEqual(['toggle a sftp off', 'toggle a ftp on']);
  });

  it('shows starting and failed servers, and a starting one cannot be toggled', () => {
    const reason = 'port 2022 is in use by another program; pick another port in the share settings';
    const view = trayView(input([share('a', 'Photos', { state: 'starting' }), share('b', 'Docs', { state: 'error', reason })]));
    const template = trayMenuTemplate(view, recordingActions().actions);
    expect(byId(template, 'server:a:sftp')).toMatchObject({ label: 'Photos · SFTP — starting…', checked: true, enabled: false });
    const failed = byId(template, 'server:b:sftp');
    expect(failed.checked).toBe(false);
    expect(failed.enabled).toBe(true);
    expect(failed.label).toMatch(/^Docs · SFTP — port 2022 is in use/);
    expect(String(failed.label).length).toBeLessThan(90);
    expect(view.statusLine).toBe('Docs (SFTP) failed');
  });

  it('copies the one running address directly, or offers each when several run', () => {
    const one = recordingActions();
    const single = trayMenuTemplate(trayView(input([share('a', 'Photos', running('127.0.0.1', 2022))])), one.actions);
    click(byId(single, 'copy-address'));
    expect(one.log).toEqual(['copy sftp://127.0.0.1:2022/']);

    const many = recordingActions();
    const shares = [share('a', 'Photos', running('127.0.0.1', 2022)), share('b', 'Music', running('', 2023), running('', 2121))];
    const submenu = byId(trayMenuTemplate(trayView(input(shares)), many.actions), 'copy-address').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((i) => i.label)).toEqual([
      'Photos · SFTP — sftp://127.0.0.1:2022/',
      'Music · SFTP — sftp://192.168.1.20:2023/',
      'Music · FTP — ftp://192.168.1.20:2121/',
    ]);
    submenu.forEach(click);
    expect(many.log).toEqual(['copy sftp://127.0.0.1:2022/', 'copy sftp://192.168.1.20:2023/', 'copy ftp://192.168.1.20:2121/']);
  });

  it('has nothing to copy when nothing runs', () => {
    const template = trayMenuTemplate(trayView(input([share('a', 'Photos', STOPPED)])), recordingActions().actions);
    expect(byId(template, 'copy-address')).toMatchObject({ enabled: false });
    expect(template[0]?.label).toBe('Not sharing');
    expect(trayView(input([])).statusLine).toBe('No shares yet');
  });

  it('runs the fixed actions', () => {
    const { log, actions } = recordingActions();
    const template = trayMenuTemplate(trayView(input([])), actions);
    for (const id of ['share-folder', 'show', 'quit']) click(byId(template, id));
    expect(log).toEqual(['share-folder', 'show', 'quit']);
  });

  it('leaves out a protocol this build cannot serve', () => {
    const view = trayView(input([share('a', 'Photos', STOPPED)], { protocols: { sftp: true, ftp: false } }));
    expect(view.rows.map((r) => r.protocol)).toEqual(['sftp']);
  });

  it('writes addresses a client can use (IPv6 in brackets, every-interface at the LAN address)', () => {
    expect(serverUrl('sftp', running('::1', 2022), null)).toBe('sftp://[::1]:2022/');
    expect(serverUrl('sftp', running('', 2022), null)).toBe('sftp://127.0.0.1:2022/');
    expect(serverUrl('ftp', running('0.0.0.0', 21), '10.0.0.5')).toBe('ftp://10.0.0.5:21/');
    expect(serverUrl('sftp', STOPPED, '10.0.0.5')).toBeNull();
  });
});

describe('tray controller', () => {
  function fakeTray() {
    const calls: Array<[string, unknown]> = [];
    const clicks: Array<() => void> = [];
    let created: string | undefined;
    const create = (icon: string): TrayPort => {
      created = icon;
      return {
        setImage: (image) => calls.push(['setImage', image]),
        setToolTip: (text) => calls.push(['setToolTip', text]),
        setContextMenu: (menu) => calls.push(['setContextMenu', menu]),
        on: (_event, listener) => clicks.push(listener),
        destroy: () => calls.push(['destroy', null]),
      };
    };
    return { calls, clicks, create, created: () => created };
  }

  it('switches the icon between idle and serving as servers start and stop', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const tray = fakeTray();
      const menus: MenuItemConstructorOptions[][] = [];
      const controller = new TrayController(
        {
          createTray: tray.create,
          buildMenu: (template) => {
            menus.push(template);
            return { template } as unknown as Electron.Menu;
          },
          platform,
          appRoot: '/app',
          actions: recordingActions().actions,
        },
        input([share('a', 'Photos', STOPPED)]),
      );
      expect(tray.created()).toBe(trayIconPath('/app', platform, 'idle'));
      expect(controller.icon).toBe('idle');
      tray.calls.length = 0;

      controller.update(input([share('a', 'Photos', running('127.0.0.1', 2022))]));
      expect(controller.icon).toBe('serving');
      expect(tray.calls.filter(([m]) => m === 'setImage')).toEqual([['setImage', trayIconPath('/app', platform, 'serving')]]);
      expect(tray.calls).toContainEqual(['setToolTip', 'Wharf — Serving 1 share']);
      expect(menus.at(-1)?.find((i) => i.id === 'server:a:sftp')?.checked).toBe(true);

      tray.calls.length = 0;
      controller.update(input([share('a', 'Photos', running('127.0.0.1', 2022))]));
      expect(tray.calls.filter(([m]) => m === 'setImage')).toEqual([]);

      controller.update(input([share('a', 'Photos', STOPPED)]));
      expect(tray.calls.filter(([m]) => m === 'setImage')).toEqual([['setImage', trayIconPath('/app', platform, 'idle')]]);
      expect(controller.icon).toBe('idle');
    }
  });

  it('uses template images on macOS, .ico on Windows, PNG on Linux', () => {
    expect(path.basename(trayIconPath('/app', 'darwin', 'serving'))).toBe('trayServingTemplate.png');
    expect(path.basename(trayIconPath('/app', 'win32', 'idle'))).toBe('tray-idle.ico');
    expect(path.basename(trayIconPath('/app', 'linux', 'serving'))).toBe('tray-serving.png');
  });

  it('shows the window on a click outside macOS', () => {
    const tray = fakeTray();
    const { log, actions } = recordingActions();
    const deps = { createTray: tray.create, buildMenu: () => ({}) as Electron.Menu, appRoot: '/app', actions };
    new TrayController({ ...deps, platform: 'win32' }, input([]));
    expect(tray.clicks).toHaveLength(1);
    tray.clicks[0]!();
    expect(log).toEqual(['show']);
    const mac = fakeTray();
    new TrayController({ ...deps, createTray: mac.create, platform: 'darwin' }, input([]));
    expect(mac.clicks).toHaveLength(0);
  });
});
