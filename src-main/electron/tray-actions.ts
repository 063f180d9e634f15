// What the tray's items do. Requests go through the same api router as the window's (validation,
// envelope, the same error messages), so the tray cannot do anything the contract does not allow.
import type { ConnectionCard, ShareProtocol } from '../../src-shared/contract/index.js';
import type { Logger } from '../../src-shared/logger.js';
import type { ApiRouter } from '../api/index.js';
import type { TrayActions } from './tray-menu.js';

export interface TrayActionDeps {
  readonly router: ApiRouter;
  /** The native folder picker; null when cancelled. */
  readonly pickFolder: () => Promise<string | null>;
  readonly showCard: (card: ConnectionCard) => Promise<void>;
  readonly showError: (message: string, detail: string) => void;
  readonly copyText: (text: string) => void;
  readonly showWindow: () => void;
  readonly quit: () => void;
  readonly logger: Logger;
}

export function createTrayActions(deps: TrayActionDeps): TrayActions & { readonly pending: () => Promise<void> } {
  // Tray clicks are fire-and-forget; tests (and quit) can wait for what is still running.
  const running = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const settled = work.catch((err: unknown) => {
      deps.logger.error(`tray: ${err instanceof Error ? err.message : String(err)}`);
    });
    running.add(settled);
    void settled.finally(() => running.delete(settled));
  };

  return {
    toggleServer(shareId: string, protocol: ShareProtocol, on: boolean) {
      track(
        (async () => {
          const answer = await deps.router.invoke(on ? 'shares:start' : 'shares:stop', { id: shareId, protocol });
          // A failed start shows in the menu as the server's error state; other failures say so here.
          if (!answer.ok) deps.showError(on ? 'The server did not start' : 'The server did not stop', answer.error.message);
        })(),
      );
    },
    shareFolderOverSftp() {
      track(
        (async () => {
          const folder = await deps.pickFolder();
          if (folder === null) return;
          const answer = await deps.router.invoke('shares:quick-sftp', { path: folder });
          if (!answer.ok) {
            deps.showError('The folder could not be shared', answer.error.message);
            return;
          }
          await deps.showCard(answer.value as ConnectionCard);
        })(),
      );
    },
    copyText: (text) => deps.copyText(text),
    showWindow: () => deps.showWindow(),
    quit: () => deps.quit(),
    pending: async () => {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
