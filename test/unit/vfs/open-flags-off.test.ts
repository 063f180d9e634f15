// Cache mode off over a remote without random access (rclone's reference, "--vfs-cache-mode off"):
// read-only opens stream; write-only opens upload as they go; read+write opens are refused
// (ENOSYS); O_RDONLY|O_TRUNC is opened write-only; an existing file opened for writing without
// O_TRUNC refuses writes (EPERM) and is left intact; O_APPEND is ignored. Missing files are ENOENT
// and O_CREAT|O_EXCL on an existing file is EEXIST before anything else, in every mode.
// Cells: see open-flags-table.ts. Rows: R W A C T X = read write append create truncate exclusive.
import { describe, expect, it } from 'vitest';
import { buildTruthTable } from './open-flags-table.js';
import type { TruthTable } from './open-flags-table.js';

// prettier-ignore
const EXPECTED: TruthTable = {
  '------': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '-----X': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '----T-': ['write r!EBADF w!EBADF > ', 'ENOENT > -'],
  '----TX': ['write r!EBADF w!EBADF > ', 'ENOENT > -'],
  '---C--': ['read r=hello w!EBADF > hello', 'read r= w!EBADF > '],
  '---C-X': ['EEXIST > hello', 'read r= w!EBADF > '],
  '---CT-': ['write r!EBADF w!EBADF > ', 'write r!EBADF w!EBADF > '],
  '---CTX': ['EEXIST > hello', 'write r!EBADF w!EBADF > '],
  '--A---': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '--A--X': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  '--A-T-': ['write r!EBADF w!EBADF > ', 'ENOENT > -'],
  '--A-TX': ['write r!EBADF w!EBADF > ', 'ENOENT > -'],
  '--AC--': ['read r=hello w!EBADF > hello', 'read r= w!EBADF > '],
  '--AC-X': ['EEXIST > hello', 'read r= w!EBADF > '],
  '--ACT-': ['write r!EBADF w!EBADF > ', 'write r!EBADF w!EBADF > '],
  '--ACTX': ['EEXIST > hello', 'write r!EBADF w!EBADF > '],
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
  'R---T-': ['write r!EPERM w!EBADF > ', 'ENOENT > -'],
  'R---TX': ['write r!EPERM w!EBADF > ', 'ENOENT > -'],
  'R--C--': ['read r=hello w!EBADF > hello', 'read r= w!EBADF > '],
  'R--C-X': ['EEXIST > hello', 'read r= w!EBADF > '],
  'R--CT-': ['write r!EPERM w!EBADF > ', 'write r!EPERM w!EBADF > '],
  'R--CTX': ['EEXIST > hello', 'write r!EPERM w!EBADF > '],
  'R-A---': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  'R-A--X': ['read r=hello w!EBADF > hello', 'ENOENT > -'],
  'R-A-T-': ['write r!EPERM w!EBADF > ', 'ENOENT > -'],
  'R-A-TX': ['write r!EPERM w!EBADF > ', 'ENOENT > -'],
  'R-AC--': ['read r=hello w!EBADF > hello', 'read r= w!EBADF > '],
  'R-AC-X': ['EEXIST > hello', 'read r= w!EBADF > '],
  'R-ACT-': ['write r!EPERM w!EBADF > ', 'write r!EPERM w!EBADF > '],
  'R-ACTX': ['EEXIST > hello', 'write r!EPERM w!EBADF > '],
  'RW----': ['ENOSYS > hello', 'ENOENT > -'],
  'RW---X': ['ENOSYS > hello', 'ENOENT > -'],
  'RW--T-': ['ENOSYS > hello', 'ENOENT > -'],
  'RW--TX': ['ENOSYS > hello', 'ENOENT > -'],
  'RW-C--': ['ENOSYS > hello', 'ENOSYS > -'],
  'RW-C-X': ['EEXIST > hello', 'ENOSYS > -'],
  'RW-CT-': ['ENOSYS > hello', 'ENOSYS > -'],
  'RW-CTX': ['EEXIST > hello', 'ENOSYS > -'],
  'RWA---': ['ENOSYS > hello', 'ENOENT > -'],
  'RWA--X': ['ENOSYS > hello', 'ENOENT > -'],
  'RWA-T-': ['ENOSYS > hello', 'ENOENT > -'],
  'RWA-TX': ['ENOSYS > hello', 'ENOENT > -'],
  'RWAC--': ['ENOSYS > hello', 'ENOSYS > -'],
  'RWAC-X': ['EEXIST > hello', 'ENOSYS > -'],
  'RWACT-': ['ENOSYS > hello', 'ENOSYS > -'],
  'RWACTX': ['EEXIST > hello', 'ENOSYS > -'],
};

describe('open flags in cache mode off (remote without random access)', () => {
  it('every flag combination on an existing and a missing file', async () => {
    expect(await buildTruthTable('off')).toEqual(EXPECTED);
  });
});
