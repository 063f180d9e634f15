import { describe, expect, it } from 'vitest';
import { checkActiveTarget, parseEprt, parsePort } from '../../../../src-main/servers/ftp/data/active-target.js';
import { normalizeIp, sameIp } from '../../../../src-main/servers/ftp/data/ip.js';

describe('PORT/EPRT parsing', () => {
  it('parses valid arguments', () => {
    expect(parsePort('127,0,0,1,4,1')).toEqual({ host: '127.0.0.1', port: 1025, family: 4 });
    expect(parseEprt('|1|127.0.0.1|5000|')).toEqual({ host: '127.0.0.1', port: 5000, family: 4 });
    expect(parseEprt('!2!::1!6000!')).toEqual({ host: '::1', port: 6000, family: 6 });
  });

  it('rejects malformed arguments', () => {
    for (const bad of ['127,0,0,1,4', '127,0,0,256,1,1', 'a,b,c,d,e,f', '127,0,0,1,4,1,9', '']) expect(parsePort(bad), bad).toBeUndefined();
    for (const bad of ['|1|127.0.0.1|0|', '|3|127.0.0.1|5000|', '|1|::1|5000|', '|2|1.2.3.4|5000|', '|1|127.0.0.1|70000|', '1|127.0.0.1|5|', '|1|127.0.0.1|5000']) {
      expect(parseEprt(bad), bad).toBeUndefined();
    }
  });
});

describe('active target policy', () => {
  it('allows only the control connection address and ports from 1024', () => {
    expect(checkActiveTarget(parsePort('127,0,0,1,4,0'), '::ffff:127.0.0.1', 'PORT')).toMatchObject({ ok: true });
    expect(checkActiveTarget(parsePort('10,0,0,1,4,0'), '127.0.0.1', 'PORT')).toMatchObject({ ok: false, code: 504 });
    expect(checkActiveTarget(parsePort('127,0,0,1,0,21'), '127.0.0.1', 'PORT')).toMatchObject({ ok: false, code: 504 });
    expect(checkActiveTarget(parsePort('127,0,0,1,3,255'), '127.0.0.1', 'PORT')).toMatchObject({ ok: false, code: 504 });
    expect(checkActiveTarget(undefined, '127.0.0.1', 'EPRT')).toMatchObject({ ok: false, code: 501 });
    expect(checkActiveTarget(parseEprt('|2|0:0:0:0:0:0:0:1|2000|'), '::1', 'EPRT')).toMatchObject({ ok: true });
  });

  it('compares addresses across spellings', () => {
    expect(normalizeIp('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(sameIp('::1', '0:0:0:0:0:0:0:1')).toBe(true);
    expect(sameIp('127.0.0.1', '127.0.0.2')).toBe(false);
    expect(sameIp(undefined, undefined)).toBe(false);
  });
});
