// Reading an auth proxy's answer: a flat JSON object with a known type and a _root; _obscure names
// the keys given in plain text; anything else is refused with a reason for the operator's log.
import { describe, expect, it } from 'vitest';
import { parseProxyAnswer } from '../../../../src-main/servers/auth/index.js';

describe('parseProxyAnswer', () => {
  it('reads rclone\'s example answer', () => {
    const parsed = parseProxyAnswer('{"type":"sftp","_root":"","_obscure":"pass","user":"me","pass":"mypassword","host":"sftp.example.com","port":2222,"md5sum":true}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.spec).toEqual({
      type: 'sftp',
      root: '',
      params: { user: 'me', pass: 'mypassword', host: 'sftp.example.com', port: '2222', md5sum: 'true' },
      plain: ['pass'],
    });
  });

  it('gives equal answers the same identity, whatever the key order, and different ones another', () => {
    const a = parseProxyAnswer('{"type":"local","_root":"/srv/a","x":"1","y":"2"}');
    const b = parseProxyAnswer('{"y":"2","_root":"/srv/a","x":"1","type":"local"}');
    const c = parseProxyAnswer('{"type":"local","_root":"/srv/b","x":"1","y":"2"}');
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected answers to parse');
    expect(a.identity).toBe(b.identity);
    expect(a.identity).not.toBe(c.identity);
    expect(a.identity).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores _obscure entries that name no key', () => {
    const parsed = parseProxyAnswer('{"type":"local","_root":"/x","_obscure":" pass , nothing,,"}');
    expect(parsed.ok && parsed.spec.plain).toEqual([]);
  });

  it('refuses everything that is not a usable answer, with a reason', () => {
    const cases: [string, RegExp][] = [
      ['', /not valid JSON/],
      ['hello', /not valid JSON/],
      ['[1,2]', /not a JSON object/],
      ['null', /not a JSON object/],
      ['"local"', /not a JSON object/],
      ['{"_root":"/x"}', /no "type"/],
      ['{"type":"","_root":"/x"}', /no "type"/],
      ['{"type":"s3","_root":"/x"}', /unknown backend type "s3"/],
      ['{"type":"local"}', /no "_root"/],
      ['{"type":"local","_root":"/x","nested":{"a":1}}', /value of "nested" is not text/],
      ['{"type":"local","_root":"/x","n":null}', /value of "n" is not text/],
      ['{"type":"local","_root":"/x","bad key":"1"}', /not a plain name/],
      ['{"type":"local","_root":"/x\\u0000y"}', /NUL/],
      [JSON.stringify(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v']))), /more than 100 keys/],
    ];
    for (const [text, reason] of cases) {
      const parsed = parseProxyAnswer(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.reason, text).toMatch(reason);
    }
  });

  it('keeps a __proto__ key a plain key', () => {
    const parsed = parseProxyAnswer('{"type":"local","_root":"/x","__proto__":"y"}');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(Object.keys(parsed.spec.params)).toEqual([]);
      expect(({} as Record<string, unknown>).y).toBeUndefined();
    }
  });
});
