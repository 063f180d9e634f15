// Native dialogs: the folder picker behind "Share folder over SFTP…" and the box that shows the
// connection card of a share created from the tray (the password is shown there once, with buttons
// to copy it and the address; nothing secret goes into a notification).
import type { ConnectionCard } from '../../src-shared/contract/index.js';

export interface FolderDialog {
  showOpenDialog(options: { title: string; buttonLabel: string; properties: Array<'openDirectory' | 'createDirectory'> }): Promise<{
    canceled: boolean;
    filePaths: string[];
  }>;
}

/** The chosen folder, or null when the person cancelled. */
export async function pickFolder(dialog: FolderDialog): Promise<string | null> {
  const result = await dialog.showOpenDialog({
    title: 'Choose a folder to share',
    buttonLabel: 'Share',
    properties: ['openDirectory', 'createDirectory'],
  });
  if (result.canceled) return null;
  return result.filePaths[0] ?? null;
}

export interface CardBox {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
  /** What each button copies (index-aligned with `buttons`); null for the closing button. */
  readonly copies: readonly (string | null)[];
}

/** The message box for a new share's connection card. */
export function cardBox(card: ConnectionCard): CardBox {
  const [first] = card.urls;
  const lines = [
    ...card.urls.map((u) => `Address: ${u.url}`),
    ...(card.user === null ? [] : [`User: ${card.user}`]),
    ...(card.password === null ? [] : [`Password: ${card.password}`]),
    ...(card.fingerprint === null ? [] : [`Host key: ${card.fingerprint}`]),
    '',
    card.password === null ? card.hint : `${card.hint}\nThe password is shown only now; copy it before closing.`,
  ];
  const buttons: string[] = [];
  const copies: (string | null)[] = [];
  if (first !== undefined) {
    buttons.push('Copy Address');
    copies.push(first.url);
  }
  if (card.password !== null) {
    buttons.push('Copy Password');
    copies.push(card.password);
  }
  buttons.push('Done');
  copies.push(null);
  return { message: `Sharing “${card.shareName}” over ${card.protocol.toUpperCase()}`, detail: lines.join('\n').trim(), buttons, copies };
}
