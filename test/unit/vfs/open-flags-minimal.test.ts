// Cache mode minimal over a remote without random access ("--vfs-cache-mode minimal"): as off, except
// that opens which read and may change the file (read+write, or read with O_TRUNC/O_CREAT) use the
// disk-backed rw handle; write-only opens still stream, so they cannot seek, must truncate an
// existing file and ignore O_APPEND.
// Cells: see open-flags-table.ts. Rows: R W A C T X = read write append create truncate exclusive.
import { describe, expect, it } from 'vitest';
import { buildTruthTable } from './open-flags-table.js';
import type { TruthTable } from './open-flags-table.js';

// prettier-ignore
const EXPECTED: TruthTable = {
  '------': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '-----X': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '----T-': ['rw r= w!EBADF > ', 'ENOENT > -'],
  '----TX': ['rw r= w!EBADF > ', 'ENOENT > -'],
  '---C--': ['rw r=hello w!EBADF > hello', 'rw r= w!EBADF > '],
  '---C-X': ['EEXIST > hello', 'rw r= w!EBADF > '],
  '---CT-': ['rw r= w!EBADF > ', 'rw r= w!EBADF > '],
  '---CTX': ['EEXIST > hello', 'rw r= w!EBADF > '],
  '--A---': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '--A--X': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '--A-T-': ['rw r= w!EBADF > ', 'ENOENT > -'],
  '--A-TX': ['rw r= w!EBADF > ', 'ENOENT > -'],
  '--AC--': ['rw r=hello w!EBADF > hello', 'rw r= w!EBADF > '],
  '--AC-X': ['EEXIST > hello', 'rw r= w!EBADF > '],
  '--ACT-': ['rw r= w!EBADF > ', 'rw r= w!EBADF > '],
  '--ACTX': ['EEXIST > hello', 'rw r= w!EBADF > '],
  '-W----': ['write r!EBADF w!EPERM > hello', 'ENOENT > -'],
  '-W---X': ['write r!EBADF w!EPERM > hello', 'ENOENT > -'],
  '-W--T-': ['write r!EBADF w=ok > AB', 'ENOENT > -'],
  '-W--TX': ['write r!EBADF w=ok > AB', 'ENOENT > -'],
  '-W-C--': ['write r!EBADF w!EPERM > hello', 'write r!EBADF w=ok > AB'],
  '-W-C-X': ['EEXIST > hello', 'write r!EBADF w=ok > AB'],
  '-W-CT-': ['write r!EBADF w=ok > AB', 'write r!EBADF w=ok > AB'],
  '-W-CTX': ['EEXIST > hello', 'write r!EBADF w=ok > AB'],
  '-WA---': ['write r!EBADF w!EPERM > hello', 'ENOENT > -'],
  '-WA--X': ['write r!EBADF w!EPERM > hello', 'ENOENT > -'],
  '-WA-T-': ['write r!EBADF w=ok > AB', 'ENOENT > -'],
  '-WA-TX': ['write r!EBADF w=ok > AB', 'ENOENT > -'],
  '-WAC--': ['write r!EBADF w!EPERM > hello', 'write r!EBADF w=ok > AB'],
  '-WAC-X': ['EEXIST > hello', 'write r!EBADF w=ok > AB'],
  '-WACT-': ['write r!EBADF w=ok > AB', 'write r!EBADF w=ok > AB'],
  '-WACTX': ['EEXIST > hello', 'write r!EBADF w=ok > AB'],
  'R-----': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  'R----X': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  'R---T-': ['rw r= w!EBADF > ', 'ENOENT > -'],
  'R---TX': ['rw r= w!EBADF > ', 'ENOENT > -'],
  'R--C--': ['rw r=hello w!EBADF > hello', 'rw r= w!EBADF > '],
  'R--C-X': ['EEXIST > hello', 'rw r= w!EBADF > '],
  'R--CT-': ['rw r= w!EBADF > ', 'rw r= w!EBADF > '],
  'R--CTX': ['EEXIST > hello', 'rw r= w!EBADF > '],
  'R-A---': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  'R-A--X': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  'R-A-T-': ['rw r= w!EBADF > ', 'ENOENT > -'],
  'R-A-TX': ['rw r= w!EBADF > ', 'ENOENT > -'],
  'R-AC--': ['rw r=hello w!EBADF > hello', 'rw r= w!EBADF > '],
  'R-AC-X': ['EEXIST > hello', 'rw r= w!EBADF > '],
  'R-ACT-': ['rw r= w!EBADF > ', 'rw r= w!EBADF > '],
  'R-ACTX': ['EEXIST > hello', 'rw r= w!EBADF > '],
  'RW----': ['rw r=hello w=ok > ABllo', 'ENOENT > -'],
  'RW---X': ['rw r=hello w=ok > ABllo', 'ENOENT > -'],
  'RW--T-': ['rw r= w=ok > AB', 'ENOENT > -'],
  'RW--TX': ['rw r= w=ok > AB', 'ENOENT > -'],
  'RW-C--': ['rw r=hello w=ok > ABllo', 'rw r= w=ok > AB'],
  'RW-C-X': ['EEXIST > hello', 'rw r= w=ok > AB'],
  'RW-CT-': ['rw r= w=ok > AB', 'rw r= w=ok > AB'],
  'RW-CTX': ['EEXIST > hello', 'rw r= w=ok > AB'],
  'RWA---': ['rw r=hello w=ok > helloAB', 'ENOENT > -'],
  'RWA--X': ['rw r=hello w=ok > helloAB', 'ENOENT > -'],
  'RWA-T-': ['rw r= w=ok > AB', 'ENOENT > -'],
  'RWA-TX': ['rw r= w=ok > AB', 'ENOENT > -'],
  'RWAC--': ['rw r=hello w=ok > helloAB', 'rw r= w=ok > AB'],
  'RWAC-X': ['EEXIST > hello', 'rw r= w=ok > AB'],
  'RWACT-': ['rw r= w=ok > AB', 'rw r= w=ok > AB'],
  'RWACTX': ['EEXIST > hello', 'rw r= w=ok > AB'],
};

describe('open flags in cache mode minimal (remote without random access)', () => {
  it('every flag combination on an existing and a missing file', async () => {
    expect(await buildTruthTable('minimal')).toEqual(EXPECTED);
  });
});
