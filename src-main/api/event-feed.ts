// The event channels, fed from the core: the same subscription serves an Electron window and a
// headless WebSocket client. Returns the function that ends the subscription.
import type { EventChannel, EventPayloadOf } from '../../src-shared/contract/index.js';
import type { WharfCore } from '../core/index.js';

export type EventSink = <E extends EventChannel>(channel: E, payload: EventPayloadOf<E>) => void;

export type EventSource = (sink: EventSink) => () => void;

export function coreEventSource(core: WharfCore): EventSource {
  return (sink) => {
    const offs = [
      core.events.on('shares', (shares) => sink('shares:changed', [...shares])),
      core.events.on('status', (status) => sink('status:changed', status)),
      core.events.on('settings', (settings) => sink('settings:changed', settings)),
      core.live.feed.subscribe((stats) => sink('stats:update', stats)),
    ];
    return () => {
      for (const off of offs) off();
    };
  };
}
