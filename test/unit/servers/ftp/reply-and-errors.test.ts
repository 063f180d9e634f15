import { describe, expect, it } from 'vitest';
import { formatMultiline, formatReply, quotePath } from '../../../../src-main/servers/ftp/control/reply.js';
import { ftpErrorReply } from '../../../../src-main/servers/ftp/ftp-errors.js';
import { VFS_ERROR_CODES, VfsError } from '../../../../src-main/vfs/index.js';

describe('reply formatting', () => {
  it('formats single and multi-line replies, and a line break in text cannot forge a reply line', () => {
    expect(formatReply(250, 'ok')).toBe('250 ok\r\n');
    expect(formatReply(550, 'a\r\n226 fake')).toBe('550 a 226 fake\r\n');
    expect(formatMultiline(211, 'Features:', ['MLSD', 'SIZE'], 'End')).toBe('211-Features:\r\n MLSD\r\n SIZE\r\n211 End\r\n');
  });

  it('quotes 257 paths with embedded quotes doubled', () => {
    expect(quotePath('/a "b" c')).toBe('"/a ""b"" c"');
  });
});

describe('ftpErrorReply', () => {
  it('maps every VFS error code to a 4xx/5xx reply', () => {
    for (const code of VFS_ERROR_CODES) {
      const reply = ftpErrorReply(new VfsError(code));
      expect(reply.code, code).toBeGreaterThanOrEqual(400);
      expect(reply.code, code).toBeLessThan(600);
    }
    expect(ftpErrorReply(new VfsError('ENOENT')).code).toBe(550);
    expect(ftpErrorReply(new VfsError('ENOSPC')).code).toBe(452);
    expect(ftpErrorReply(new VfsError('ENOSYS')).code).toBe(502);
  });

  it('never passes on a node error message, which carries the local path', () => {
    const nodeError = Object.assign(new Error("ENOENT: no such file or directory, open '/home/me/secret/x'"), { code: 'ENOENT' });
    const reply = ftpErrorReply(nodeError);
    expect(reply).toEqual({ code: 550, message: 'No such file or directory' });
    expect(ftpErrorReply(new Error('/var/lib/thing exploded')).message).not.toContain('/var');
  });
});
