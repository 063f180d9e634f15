// What the tray shows, derived from the shares list the core publishes: one row per share and
// protocol, whether anything is being served, the status line and each running server's address.
// Pure functions of the contract's models, so the menu can be tested without Electron.
import type { ServerStatus, Share, ShareProtocol } from '../../src-shared/contract/index.js';
import { assertNever } from '../../src-shared/assert-never.js';

export interface TrayRow {
  readonly shareId: string;
  readonly shareName: string;
  readonly protocol: ShareProtocol;
  readonly status: ServerStatus;
  /** `sftp://host:port/` while running, else null. */
  readonly url: string | null;
}

export interface TrayView {
  readonly rows: readonly TrayRow[];
  readonly serving: boolean;
  readonly statusLine: string;
  readonly tooltip: string;
}

export interface TrayInput {
  readonly shares: readonly Share[];
  /** Protocols this build can serve (the contract's app:info); FTP may be missing. */
  readonly protocols: Readonly<Record<ShareProtocol, boolean>>;
  /** An address of this machine on the local network, for servers listening on every interface. */
  readonly lanAddress: string | null;
}

/** The first IPv4 address of this machine that is not loopback (what a neighbour would dial). */
export function firstLanAddress(interfaces: NodeJS.Dict<ReadonlyArray<{ family: string | number; internal: boolean; address: string }>>): string | null {
  for (const list of Object.values(interfaces)) {
    for (const entry of list ?? []) {
      if (!entry.internal && (entry.family === 'IPv4' || entry.family === 4)) return entry.address;
    }
  }
  return null;
}

const PROTOCOL_LABEL: Readonly<Record<ShareProtocol, string>> = { sftp: 'SFTP', ftp: 'FTP' };

export function protocolLabel(protocol: ShareProtocol): string {
  return PROTOCOL_LABEL[protocol];
}

/** The URL a client would use; a server on every interface is shown at the LAN address. */
export function serverUrl(protocol: ShareProtocol, status: ServerStatus, lanAddress: string | null): string | null {
  if (status.state !== 'running') return null;
  const host = status.host === '' || status.host === '0.0.0.0' || status.host === '::' ? (lanAddress ?? '127.0.0.1') : status.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${protocol}://${shown}:${status.port}/`;
}

function isOn(status: ServerStatus): boolean {
  switch (status.state) {
    case 'running':
    case 'starting':
      return true;
    case 'stopped':
    case 'error':
      return false;
    default:
      return assertNever(status, 'server state');
  }
}

export function trayView(input: TrayInput): TrayView {
  const rows: TrayRow[] = [];
  for (const share of input.shares) {
    for (const protocol of ['sftp', 'ftp'] as const) {
      const status = share.status[protocol];
      // A protocol this build lacks is listed only if the share somehow reports it in use.
      if (!input.protocols[protocol] && status.state === 'stopped') continue;
      rows.push({ shareId: share.id, shareName: share.name, protocol, status, url: serverUrl(protocol, status, input.lanAddress) });
    }
  }
  const running = rows.filter((r) => r.status.state === 'running');
  const failed = rows.filter((r) => r.status.state === 'error');
  const servingShares = new Set(running.map((r) => r.shareId)).size;
  let statusLine: string;
  const [firstFailed] = failed;
  if (firstFailed !== undefined) {
    statusLine =
      failed.length === 1 ? `${firstFailed.shareName} (${protocolLabel(firstFailed.protocol)}) failed` : `${failed.length} servers failed`;
    if (servingShares > 0) statusLine += ` · serving ${plural(servingShares, 'share')}`;
  } else if (servingShares > 0) {
    statusLine = `Serving ${plural(servingShares, 'share')}`;
  } else if (rows.some((r) => r.status.state === 'starting')) {
    statusLine = 'Starting…';
  } else {
    statusLine = input.shares.length === 0 ? 'No shares yet' : 'Not sharing';
  }
  return { rows, serving: running.length > 0, statusLine, tooltip: `Wharf — ${statusLine}` };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The label of a share's checkbox: name, protocol and what it is doing. */
export function rowLabel(row: TrayRow): string {
  const head = `${row.shareName} · ${protocolLabel(row.protocol)}`;
  const status = row.status;
  switch (status.state) {
    case 'running':
      return `${head} — ${row.url ?? `port ${status.port}`}`;
    case 'starting':
      return `${head} — starting…`;
    case 'error':
      return `${head} — ${truncate(status.reason, 60)}`;
    case 'stopped':
      return head;
    default:
      return assertNever(status, 'server state');
  }
}

export function rowChecked(row: TrayRow): boolean {
  return isOn(row.status);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
