// Main's side of the window bridge: one `ipcMain.handle` per request channel of the contract, each
// checking the sender first (sender-check.ts) and then handing the raw payload to the api router,
// which validates it against the channel's zod schema and answers with an envelope. Events go the
// other way: each one is sent only to windows still showing the app's own page.
import type { IpcMainInvokeEvent } from 'electron';
import { errorEnvelope } from '../../src-shared/contract/index.js';
import type { Logger } from '../../src-shared/logger.js';
import type { ApiRouter } from '../api/index.js';
import { isAppUrl } from './app-origin.js';
import { isTrustedSender } from './sender-check.js';

/** The part of Electron's ipcMain used here. */
export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/**
 * Registers every channel; returns the function that removes them again. A refused sender gets the
 * `unauthorized` envelope (and a warning in the log naming the frame URL, which stays in main).
 */
export function registerRequestChannels(
  ipcMain: IpcMainPort,
  channels: readonly string[],
  router: ApiRouter,
  logger: Logger,
): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) {
        logger.warn(`ipc: refused ${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
        return errorEnvelope('unauthorized', 'This window may not talk to Wharf.');
      }
      // One payload per call; extra arguments are a caller bug, refused rather than ignored.
      if (args.length > 1) return errorEnvelope('invalid-payload', 'One payload per request.');
      try {
        return await router.invoke(channel, args[0]);
      } catch (err) {
        logger.error(`ipc: ${channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return errorEnvelope('internal', 'Something went wrong; the details are in the log.');
      }
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** The part of a window's webContents the event fan-out uses. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, payload: unknown): void;
}

/** Sends one event to every live window that shows the app (never to a foreign page). */
export function sendEvent(targets: Iterable<EventTarget>, channel: string, payload: unknown): void {
  for (const target of targets) {
    if (target.isDestroyed() || !isAppUrl(target.getURL())) continue;
    target.send(channel, payload);
  }
}
