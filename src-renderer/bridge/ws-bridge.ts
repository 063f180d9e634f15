// The WharfBridge of the headless web UI: the contract over one WebSocket to the page's own server
// (the HttpOnly cookie set from the URL's token authenticates it). Requests wait for the socket,
// answers are matched by id, and a dropped socket reconnects with backoff; requests caught by a drop
// are answered with an `unavailable` envelope instead of hanging.
import type { Envelope, EventChannel, EventPayloadOf, PayloadOf, RequestChannel, ResultOf, WharfBridge, WsServerMessage } from '../../src-shared/contract/index.js';

const MAX_BACKOFF_MS = 5000;

type AnyListener = (payload: unknown) => void;

export function createWsBridge(url: string = defaultUrl()): WharfBridge {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, { resolve: (e: Envelope<unknown>) => void; text: string }>();
  const queue: number[] = [];
  const listeners = new Map<EventChannel, Set<AnyListener>>();

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      backoff = 250;
      for (const id of queue.splice(0)) {
        const request = pending.get(id);
        if (request) ws.send(request.text);
      }
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      let message: WsServerMessage;
      try {
        message = JSON.parse(String(event.data)) as WsServerMessage;
      } catch {
        return;
      }
      if (message.type === 'response') {
        const request = pending.get(message.id);
        pending.delete(message.id);
        request?.resolve(message.result);
      } else if (message.type === 'event') {
        for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
      }
    });
    ws.addEventListener('close', () => {
      socket = undefined;
      // Requests already sent will get no answer from this socket.
      for (const [id, request] of pending) {
        if (!queue.includes(id)) {
          pending.delete(id);
          request.resolve({ ok: false, error: { code: 'unavailable', message: 'Lost the connection to Wharf; try again' } });
        }
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    });
  };
  connect();

  return {
    invoke<C extends RequestChannel>(channel: C, payload: PayloadOf<C>): Promise<Envelope<ResultOf<C>>> {
      const id = nextId++;
      const text = JSON.stringify({ type: 'request', id, channel, payload });
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as (e: Envelope<unknown>) => void, text });
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(id);
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, set);
      set.add(listener as AnyListener);
      return () => set.delete(listener as AnyListener);
    },
  };
}

function defaultUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
