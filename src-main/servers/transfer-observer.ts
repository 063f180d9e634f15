// The optional hook through which the app watches file transfers (live progress, speed, history):
// a protocol adapter reports each file it opens, then the bytes moved and the close. Adapters call
// it only when the session carries an observer, so serving without the app costs nothing.
import type { Protocol } from './session.js';

export interface TransferStart {
  readonly sessionId: string;
  readonly protocol: Protocol;
  readonly user: string;
  readonly clientIp: string;
  /** The share path of the file (never a local path). */
  readonly path: string;
  readonly reading: boolean;
  readonly writing: boolean;
  /** The file's size when it was opened, when known (reads show a percentage with it). */
  readonly size: number | undefined;
}

/** Progress of one open file. Calls must be cheap: they run on the transfer hot path. */
export interface TransferProbe {
  read(bytes: number): void;
  written(bytes: number): void;
  /** `completed` is false when the file was closed by a dropped session or a failed close. */
  closed(completed: boolean): void;
}

export interface TransferObserver {
  /** A file was opened; returns the probe for its progress, or undefined to ignore it. */
  opened(start: TransferStart): TransferProbe | undefined;
}
