// src-renderer/bridge: the only code that touches `window.wharf` (the Electron preload) or the
// socket (headless mode). Everything else in the renderer talks to the WharfBridge it returns.
// May import: src-shared.
import type { WharfBridge } from '../../src-shared/contract/index.js';
import { createWsBridge } from './ws-bridge.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the headless web UI. */
    readonly wharf?: WharfBridge;
  }
}

export type { WharfBridge } from '../../src-shared/contract/index.js';

export function connectBridge(): WharfBridge {
  return window.wharf ?? createWsBridge();
}

/** Which transport the page runs on (the headless UI has no native folder picker). */
export function isHeadless(): boolean {
  return window.wharf === undefined;
}
