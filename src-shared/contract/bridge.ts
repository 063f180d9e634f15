// The one object the window talks to main through, whatever the transport: `window.wharf` (the
// Electron preload) or the headless WebSocket client. Exactly the contract, nothing more.
import type { Envelope } from './envelope.js';
import type { EventChannel, EventPayloadOf, PayloadOf, RequestChannel, ResultOf } from './channels.js';

export interface WharfBridge {
  invoke<C extends RequestChannel>(channel: C, payload: PayloadOf<C>): Promise<Envelope<ResultOf<C>>>;
  /** Subscribes to an event channel; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
}

/** Messages of the headless WebSocket transport (JSON text frames). */
export interface WsRequest {
  readonly type: 'request';
  /** Chosen by the client; echoed in the response. */
  readonly id: number;
  readonly channel: string;
  readonly payload: unknown;
}

export type WsServerMessage =
  | { readonly type: 'response'; readonly id: number; readonly result: Envelope<unknown> }
  | { readonly type: 'event'; readonly channel: EventChannel; readonly payload: unknown };
