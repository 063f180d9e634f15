// Contract objects for the renderer's pure logic tests.
import type { Share, Transfer } from '../../../src-shared/contract/index.js';

export function share(overrides: Partial<Share> = {}): Share {
  return {
    id: 'share-1',
    name: 'Photos',
    source: { kind: 'local', path: '/srv/photos' },
    sftp: { enabled: true, port: 2022, bind: 'localhost' },
    ftp: { enabled: false, port: 2121, bind: 'localhost' },
    readOnly: false,
    vfs: {},
    authProxy: null,
    status: { sftp: { state: 'running', host: '127.0.0.1', port: 2022, since: 0 }, ftp: { state: 'stopped' } },
    userCount: 1,
    ...overrides,
  };
}

export function transfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    id: 1,
    shareId: 'share-1',
    protocol: 'sftp',
    user: 'wharf',
    clientIp: '127.0.0.1',
    file: '/big.bin',
    direction: 'download',
    bytes: 0,
    size: 10_000,
    speed: 0,
    state: 'active',
    startedAt: 0,
    endedAt: null,
    ...overrides,
  };
}
