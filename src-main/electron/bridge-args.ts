// Main's half of the preload hand-over: the request and event channel names of the contract,
// encoded into the one `--wharf-bridge=` argument the sandboxed preload reads from process.argv.
// The preload (preload.cts) decodes it; the encoding is URI-escaped JSON so no character of it can
// be taken for another command-line switch.
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../src-shared/contract/index.js';
import type { BridgeConfig } from './preload.cjs';

export const BRIDGE_ARGUMENT = '--wharf-bridge=';

/** The contract's channels: exactly what the window may use. */
export function contractBridgeConfig(): BridgeConfig {
  return { requests: Object.keys(REQUEST_CHANNELS), events: Object.keys(EVENT_CHANNELS) };
}

export function encodeBridgeArgument(config: BridgeConfig): string {
  return BRIDGE_ARGUMENT + encodeURIComponent(JSON.stringify({ requests: config.requests, events: config.events }));
}
