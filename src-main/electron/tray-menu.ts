// The tray's context menu as a template built from the tray view (tray-state.ts): the status line,
// a checkbox per share and protocol that starts or stops it, "Share folder over SFTP…", copy
// address, show window, quit. Pure: the actions are passed in, so tests click items directly.
import type { MenuItemConstructorOptions } from 'electron';
import type { ShareProtocol } from '../../src-shared/contract/index.js';
import type { TrayView } from './tray-state.js';
import { protocolLabel, rowChecked, rowLabel } from './tray-state.js';

export interface TrayActions {
  /** Start (`on`) or stop one server of a share. */
  toggleServer(shareId: string, protocol: ShareProtocol, on: boolean): void;
  shareFolderOverSftp(): void;
  copyText(text: string): void;
  showWindow(): void;
  quit(): void;
}

export function trayMenuTemplate(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [{ id: 'status', label: view.statusLine, enabled: false }, { type: 'separator' }];
  for (const row of view.rows) {
    const checked = rowChecked(row);
    template.push({
      id: `server:${row.shareId}:${row.protocol}`,
      label: rowLabel(row),
      type: 'checkbox',
      checked,
      // A server on its way up cannot be toggled until it settles.
      enabled: row.status.state !== 'starting',
      click: () => actions.toggleServer(row.shareId, row.protocol, !checked),
    });
  }
  if (view.rows.length > 0) template.push({ type: 'separator' });
  template.push({ id: 'share-folder', label: 'Share folder over SFTP…', click: () => actions.shareFolderOverSftp() });
  template.push(copyAddressItem(view, actions));
  template.push({ id: 'show', label: 'Show Wharf', click: () => actions.showWindow() });
  template.push({ type: 'separator' });
  template.push({ id: 'quit', label: 'Quit Wharf', click: () => actions.quit() });
  return template;
}

function copyAddressItem(view: TrayView, actions: TrayActions): MenuItemConstructorOptions {
  const running = view.rows.filter((r): r is typeof r & { url: string } => r.url !== null);
  const [only] = running;
  if (only === undefined) return { id: 'copy-address', label: 'Copy address', enabled: false };
  if (running.length === 1) {
    return { id: 'copy-address', label: `Copy address (${only.url})`, click: () => actions.copyText(only.url) };
  }
  return {
    id: 'copy-address',
    label: 'Copy address',
    submenu: running.map((r) => ({
      id: `copy:${r.shareId}:${r.protocol}`,
      label: `${r.shareName} · ${protocolLabel(r.protocol)} — ${r.url}`,
      click: () => actions.copyText(r.url),
    })),
  };
}
