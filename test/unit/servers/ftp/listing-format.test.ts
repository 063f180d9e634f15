import { describe, expect, it } from 'vitest';
import { formatTimeVal, parseTimeVal } from '../../../../src-main/servers/ftp/listing/ftp-time.js';
import { formatLsLine } from '../../../../src-main/servers/ftp/listing/ls-format.js';
import { formatMlsxEntry, MLST_FACTS, mlstFeature, selectFacts } from '../../../../src-main/servers/ftp/listing/mlsx-format.js';
import type { VfsEntry } from '../../../../src-main/vfs/index.js';

const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);
const file: VfsEntry = {
  name: 'a.txt', type: 'file', size: 1234, mode: 0o644, uid: 1000, gid: 100,
  atimeMs: NOW, mtimeMs: Date.UTC(2024, 5, 1, 8, 5, 9), nlink: 1,
};
const dir: VfsEntry = { ...file, name: 'd', type: 'dir', size: 4096, mode: 0o755, mtimeMs: Date.UTC(2020, 0, 2, 3, 4, 5), nlink: 3 };

describe('ls lines', () => {
  it('shows time of day for recent entries and the year for old ones, in UTC', () => {
    expect(formatLsLine(file, 'a.txt', NOW)).toBe('-rw-r--r--    1 1000     100              1234 Jun  1 08:05 a.txt');
    expect(formatLsLine(dir, 'd', NOW)).toBe('drwxr-xr-x    3 1000     100              4096 Jan  2  2020 d');
  });
});

describe('MLSx facts', () => {
  it('formats exact facts and the perm fact from the write permission', () => {
    const facts = new Set(MLST_FACTS);
    expect(formatMlsxEntry(file, 'a.txt', facts, true)).toBe('type=file;size=1234;modify=20240601080509;perm=rawdf;unix.mode=0644; a.txt');
    expect(formatMlsxEntry(dir, 'd', facts, false)).toBe('type=dir;modify=20200102030405;perm=el;unix.mode=0755; d');
  });

  it('honours OPTS MLST selection and marks it in FEAT', () => {
    const chosen = selectFacts('Size;modify;bogus;');
    expect([...chosen].sort()).toEqual(['modify', 'size']);
    expect(formatMlsxEntry(file, 'a.txt', chosen, true)).toBe('size=1234;modify=20240601080509; a.txt');
    expect(mlstFeature(chosen)).toBe('MLST type;size*;modify*;perm;unix.mode;');
  });
});

describe('time-val', () => {
  it('round-trips and accepts fractions', () => {
    const ms = Date.UTC(2021, 1, 28, 23, 59, 58);
    expect(formatTimeVal(ms)).toBe('20210228235958');
    expect(parseTimeVal('20210228235958')).toBe(ms);
    expect(parseTimeVal('20210228235958.5')).toBe(ms + 500);
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2021022823595', '20210231000000', '20211301000000', '20210101250000', 'x0210101000000', '']) {
      expect(parseTimeVal(bad), bad).toBeUndefined();
    }
  });
});
