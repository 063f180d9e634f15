// The flags of `wharf ui`.
import type { AnyOptionSpec, OptionValues } from './option-spec.js';
import { VERBOSE_OPTIONS } from './serve-common-options.js';

export const UI_OPTIONS = [
  {
    name: 'headless',
    kind: 'bool',
    default: false,
    help: 'Serve the app as a web page (HTTP + WebSocket, protected by a token in the printed URL) instead of opening a window',
    group: 'Server',
  },
  {
    name: 'addr',
    kind: 'addr',
    default: { host: '127.0.0.1', port: 0 },
    valueName: 'HOST:PORT',
    help: 'Address of the headless web UI; port 0 picks a free port. Anything but loopback exposes the UI to the network',
    group: 'Server',
  },
  ...VERBOSE_OPTIONS,
] as const satisfies readonly AnyOptionSpec[];

export type UiOptions = OptionValues<typeof UI_OPTIONS>;
