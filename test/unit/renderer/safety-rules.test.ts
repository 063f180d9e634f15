import { describe, expect, it } from 'vitest';
import { isHomeFolder, isWholeDisk, safetyBanners } from '../../../src-renderer/features/safety/safety-rules.js';
import { share } from './fixtures.js';

describe('safety banners', () => {
  it('says nothing about a local-only SFTP share of an ordinary folder', () => {
    expect(safetyBanners([share()])).toEqual([]);
  });

  it('warns about plain FTP, saying who can read it', () => {
    const [local] = safetyBanners([share({ ftp: { enabled: true, port: 2121, bind: 'localhost' } })]);
    expect(local?.kind).toBe('ftp-plain');
    expect(local?.text).toContain('any program on this computer');
    const [network] = safetyBanners([share({ ftp: { enabled: true, port: 2121, bind: 'network' } })]);
    expect(network?.text).toContain('anyone on your network');
  });

  it('warns about a network share whose logins an auth proxy decides, not about a local one', () => {
    const proxied = { authProxy: '/usr/local/bin/check-login' };
    expect(safetyBanners([share({ ...proxied, sftp: { enabled: true, port: 2022, bind: 'network' } })]).map((b) => b.kind)).toEqual(['network-no-password']);
    expect(safetyBanners([share(proxied)])).toEqual([]);
    // A network bind of a server that is off exposes nothing.
    expect(safetyBanners([share({ ...proxied, sftp: { enabled: false, port: 2022, bind: 'network' } })])).toEqual([]);
  });

  it('recognises home folders and whole disks on every system, and nothing below them', () => {
    for (const p of ['/home/ann', '/home/ann/', '/Users/ann', '/root', '/var/home/ann', 'C:\\Users\\ann', 'c:/Users/ann/']) expect(isHomeFolder(p), p).toBe(true);
    for (const p of ['/home/ann/Public', '/home', '/Users/ann/Desktop', 'C:\\Users\\ann\\Documents']) expect(isHomeFolder(p), p).toBe(false);
    for (const p of ['/', 'C:\\', 'D:']) expect(isWholeDisk(p), p).toBe(true);
    const banners = safetyBanners([share({ source: { kind: 'local', path: '/home/ann' } }), share({ id: 'b', name: 'Disk', source: { kind: 'local', path: '/' } })]);
    expect(banners.map((b) => b.title)).toEqual(['“Photos” shares a whole home folder', '“Disk” shares the whole disk']);
    // Remote sources are not this computer's folders.
    expect(safetyBanners([share({ source: { kind: 'remote', remote: 'nas', path: '/home/ann' } })])).toEqual([]);
  });
});
