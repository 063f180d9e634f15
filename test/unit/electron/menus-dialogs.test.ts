// The application menu per platform and the native dialogs' content.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { ConnectionCard } from '../../../src-shared/contract/index.js';
import { appMenuTemplate } from '../../../src-main/electron/app-menu.js';
import { cardBox, pickFolder } from '../../../src-main/electron/dialogs.js';

const card: ConnectionCard = {
  shareId: 'abc',
  shareName: 'Photos',
  protocol: 'sftp',
  user: 'wharf',
  password: 'Zq3XkP9mW2rT8vL5nB7c',
  port: 2022,
  urls: [
    { address: '127.0.0.1', url: 'sftp://wharf@127.0.0.1:2022/' },
    { address: '192.168.1.20', url: 'sftp://wharf@192.168.1.20:2022/' },
  ],
  fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
  hint: 'Connect with: sftp -P 2022 wharf@127.0.0.1',
};

describe('application menu', () => {
  it('gives macOS the app, Edit and Window menus; other systems none', () => {
    let shown = 0;
    const mac = appMenuTemplate('darwin', () => shown++)!;
    expect(mac.map((m) => m.label)).toEqual(['Wharf', 'Edit', 'Window']);
    const edit = (mac[1]?.submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean);
    expect(edit).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    const show = (mac[2]?.submenu as MenuItemConstructorOptions[])[0]!;
    (show.click as unknown as () => void)();
    expect(shown).toBe(1);
    expect(appMenuTemplate('win32', () => undefined)).toBeNull();
    expect(appMenuTemplate('linux', () => undefined)).toBeNull();
  });
});

describe('dialogs', () => {
  it('asks for a folder and returns it, or null when cancelled', async () => {
    const asked: unknown[] = [];
    const answer = (canceled: boolean, filePaths: string[]) => ({
      showOpenDialog: async (o: unknown) => {
        asked.push(o);
        return { canceled, filePaths };
      },
    });
    expect(await pickFolder(answer(false, ['/home/ann/Photos']))).toBe('/home/ann/Photos');
    expect(await pickFolder(answer(true, []))).toBeNull();
    expect(asked[0]).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
  });

  it('shows the whole card once, with buttons to copy the address and the password', () => {
    const box = cardBox(card);
    expect(box.message).toBe('Sharing “Photos” over SFTP');
    expect(box.detail.split('\n').slice(0, 5)).toEqual([
      'Address: sftp://wharf@127.0.0.1:2022/',
      'Address: sftp://wharf@192.168.1.20:2022/',
      'User: wharf',
      'Password: Zq3XkP9mW2rT8vL5nB7c',
      'Host key: SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
    ]);
    expect(box.detail).toMatch(/shown only now/);
    expect(box.buttons).toEqual(['Copy Address', 'Copy Password', 'Done']);
    expect(box.copies).toEqual(['sftp://wharf@127.0.0.1:2022/', 'Zq3XkP9mW2rT8vL5nB7c', null]);
  });

  it('leaves out what a card does not have (no password later, no user behind an auth proxy)', () => {
    const box = cardBox({ ...card, password: null, user: null, protocol: 'ftp', fingerprint: null });
    expect(box.detail).not.toMatch(/Password|User|Host key|shown only now/);
    expect(box.buttons).toEqual(['Copy Address', 'Done']);
    expect(box.message).toBe('Sharing “Photos” over FTP');
  });
});
