// The contract over one WebSocket: JSON text frames carrying requests (answered with the router's
// envelope, matched by id) and pushed events. Malformed frames are answered or end the socket;
// they never reach a handler. A client that stops reading misses live stats instead of piling them up.
import type { WebSocket } from 'ws';
import type { WsServerMessage } from '../../../src-shared/contract/index.js';
import { errorEnvelope } from '../../../src-shared/contract/index.js';
import type { Logger } from '../../../src-shared/logger.js';
import type { EventSource } from '../event-feed.js';
import type { ApiRouter } from '../router.js';

/** Requests one socket may have running at once. */
const MAX_IN_FLIGHT = 32;
/** Above this much unsent data, stats events are skipped for this socket. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export function bridgeSocket(ws: WebSocket, router: ApiRouter, events: EventSource, logger: Logger): void {
  let inFlight = 0;
  const send = (message: WsServerMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(message), (err) => {
      if (err) logger.debug(`headless: send failed: ${err.message}`);
    });
  };
  const unsubscribe = events((channel, payload) => {
    if (channel === 'stats:update' && ws.bufferedAmount > MAX_BUFFERED) return;
    send({ type: 'event', channel, payload });
  });
  ws.on('close', unsubscribe);
  ws.on('error', (err) => logger.debug(`headless: socket error: ${err.message}`));

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(1003, 'text frames only');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      ws.close(1007, 'not JSON');
      return;
    }
    const request = message as Partial<{ type: unknown; id: unknown; channel: unknown; payload: unknown }> | null;
    const id = request?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || request?.type !== 'request') {
      ws.close(1008, 'not a request');
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      send({ type: 'response', id, result: errorEnvelope('invalid', 'Too many requests at once; wait for answers first') });
      return;
    }
    inFlight++;
    void router
      .invoke(request.channel, request.payload)
      .then((result) => send({ type: 'response', id, result }))
      .finally(() => inFlight--);
  });
}
