// The application menu. macOS needs one for the app name, Hide/Quit and the Edit commands (copy and
// paste in text fields only work through Edit menu roles there). Windows and Linux get none: the
// window has no menu bar, and Chromium handles the editing shortcuts itself.
import type { MenuItemConstructorOptions } from 'electron';

export function appMenuTemplate(platform: NodeJS.Platform, showWindow: () => void): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [
    {
      label: 'Wharf',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'Window',
      submenu: [{ label: 'Show Wharf', accelerator: 'Cmd+0', click: () => showWindow() }, { role: 'minimize' }, { role: 'close' }],
    },
  ];
}
