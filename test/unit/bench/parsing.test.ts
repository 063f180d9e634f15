import { describe, expect, it } from 'vitest';
import { parseListenPort } from '../../../bench/servers/wharf-cli.js';
import { batchArg, parseNegotiatedCipher } from '../../../bench/sftp-client.js';
import { countListedEntries } from '../../../bench/workloads.js';

describe('bench parsing', () => {
  it('quotes sftp batch arguments', () => {
    expect(batchArg('/tmp/a b/c.bin')).toBe('"/tmp/a b/c.bin"');
    expect(batchArg('we"ird\\name')).toBe('"we\\"ird\\\\name"');
    expect(() => batchArg('two\nlines')).toThrow(/line breaks/);
  });

  it('reads the negotiated cipher from an ssh -v trace', () => {
    const trace = [
      'debug1: kex: algorithm: sntrup761x25519-sha512@openssh.com',
      'debug1: kex: server->client cipher: aes128-gcm@openssh.com MAC: <implicit> compression: none',
      'debug1: kex: client->server cipher: aes128-gcm@openssh.com MAC: <implicit> compression: none',
    ].join('\n');
    expect(parseNegotiatedCipher(trace)).toBe('aes128-gcm@openssh.com');
    expect(parseNegotiatedCipher('debug1: kex: client->server cipher: aes128-ctr MAC: hmac-sha2-256-etm@openssh.com compression: none')).toBe(
      'aes128-ctr / hmac-sha2-256-etm@openssh.com',
    );
    expect(parseNegotiatedCipher('ssh: connect to host 127.0.0.1 port 1: Connection refused')).toBeUndefined();
  });

  it('reads the port from the line Wharf prints when listening', () => {
    expect(parseListenPort('INFO SFTP listening on sftp://127.0.0.1:40123/ (share /x)')).toBe(40123);
    expect(parseListenPort('sftp://[::1]:2022/')).toBe(2022);
    expect(parseListenPort('sftp://127.0.0.1:99999/')).toBeUndefined();
    expect(parseListenPort('listening on 127.0.0.1:2022')).toBeUndefined();
  });

  it('counts listed entries in both long-format styles', () => {
    const openssh = [
      'sftp> ls -l "/tmp/x/list"',
      '-rw-r--r--    ? root     root            0 Nov 21 11:07 /tmp/x/list/entry-000000',
      '-rw-r--r--    ? root     root            0 Nov 21 11:07 /tmp/x/list/entry-000001',
    ].join('\n');
    expect(countListedEntries(openssh)).toBe(2);
    const rclone = '-rw-r--r--    1 0        0               0 Nov 21 11:07 entry-000007\nentry-00001x\n';
    expect(countListedEntries(rclone)).toBe(1);
  });
});
