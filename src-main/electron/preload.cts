// The preload of Wharf's window: exposes exactly one object, `window.wharf` (the contract's
// WharfBridge: `invoke` for request channels, `on` for event channels) and never ipcRenderer itself.
// A sandboxed preload runs as a plain CommonJS script that may require only 'electron' (and a few
// builtins), so this file is self-contained: the channel lists arrive from main in the
// `--wharf-bridge=` argument (window-options.ts puts it in additionalArguments), and only types are
// imported from the contract. Main checks sender and payload again on its side; this is the first
// fence, not the only one.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { WharfBridge } from '../../src-shared/contract/bridge.js';

/** What main hands the preload: the names it may use. */
export interface BridgeConfig {
  readonly requests: readonly string[];
  readonly events: readonly string[];
}

// Kept in step with bridge-args.ts by test/unit/electron/preload.test.ts (this file cannot import it).
const BRIDGE_ARGUMENT = '--wharf-bridge=';
const CHANNEL_NAME = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;

function readConfig(argv: readonly string[]): BridgeConfig {
  const arg = argv.find((a) => a.startsWith(BRIDGE_ARGUMENT));
  if (arg === undefined) return { requests: [], events: [] };
  try {
    const raw: unknown = JSON.parse(decodeURIComponent(arg.slice(BRIDGE_ARGUMENT.length)));
    const names = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string' && CHANNEL_NAME.test(n)) : [];
    const obj = (raw ?? {}) as { requests?: unknown; events?: unknown };
    return { requests: names(obj.requests), events: names(obj.events) };
  } catch {
    return { requests: [], events: [] };
  }
}

const config = readConfig(process.argv);
const requests = new Set(config.requests);
const events = new Set(config.events);

const bridge: WharfBridge = {
  invoke(channel, payload) {
    if (typeof channel !== 'string' || !requests.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: 'This request is not part of the app.' } });
    }
    return ipcRenderer.invoke(channel, payload);
  },
  on(event, listener) {
    if (typeof event !== 'string' || !events.has(event) || typeof listener !== 'function') {
      throw new TypeError('not an event of the app');
    }
    // The IPC event object (which leads back to ipcRenderer) never reaches the page: only the payload.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('wharf', Object.freeze(bridge));
