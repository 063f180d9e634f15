// Who may call main over IPC: only the top frame of a window showing one of the app's own pages.
// A frame that navigated away, an iframe (even of our origin), a destroyed frame or a page from
// anywhere else is refused before any payload is looked at.
import { isAppUrl } from './app-origin.js';

/** The part of Electron's WebFrameMain the check reads (a structural subset, for tests). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** The part of an IPC event the check reads. */
export interface SenderEvent {
  readonly senderFrame: SenderFrame | null;
}

export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
