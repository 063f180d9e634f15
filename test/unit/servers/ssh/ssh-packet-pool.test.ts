// The recycled SSH packet buffers: ssh2's binding ciphers get the pooled allocPacket only when it
// lays packets out exactly as theirs, a buffer returns to the pool only once the socket holds no
// reference to it, and foreign or repeated returns are ignored. Byte-exact transfers through the
// pool, rekeys included, are proven with OpenSSH in test/integration/ciphers.test.ts.
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  freePacketBuffers,
  givePacketBuffer,
  installPacketPool,
  makeAllocPacket,
  recyclePacketsOf,
  sameLayout,
  takePacketBuffer,
} from '../../../../src-main/servers/sftp/ssh-packet-pool.js';

interface Ssh2Crypto {
  readonly CIPHER_INFO: Record<string, { readonly keyLen: number; readonly ivLen: number }>;
  createCipher(config: unknown): { allocPacket(n: number): Buffer; encrypt(p: Buffer): void };
}
const ssh2Crypto = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as Ssh2Crypto;

function cipher(name: string, onWrite: (b: Buffer) => void): ReturnType<Ssh2Crypto['createCipher']> {
  const info = ssh2Crypto.CIPHER_INFO[name];
  if (!info) throw new Error(`no cipher ${name}`);
  const c = ssh2Crypto.createCipher({
    outbound: { onWrite, cipherInfo: info, cipherKey: Buffer.alloc(info.keyLen, 7), cipherIV: Buffer.alloc(info.ivLen, 3), seqno: 0 },
  });
  keep.push(c);
  return c;
}

/** Kept for the whole run: see `samples` in ssh-packet-pool.ts (destroying binding ciphers can abort). */
const keep: unknown[] = [];

const fakeSocket = (queued: number): Socket => ({ writableLength: queued }) as unknown as Socket;

describe('SSH packet pool', () => {
  it('switches both binding AEAD ciphers, which then reuse a returned buffer', () => {
    expect(installPacketPool()).toBe(true);
    for (const name of ['chacha20-poly1305@openssh.com', 'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com']) {
      const c = cipher(name, () => undefined);
      const first = c.allocPacket(32768 + 9);
      givePacketBuffer(first);
      const second = c.allocPacket(32768 + 9);
      expect(second.buffer).toBe(first.buffer);
      // Same header as a fresh packet of that size: length field and padding length.
      expect(second.readUInt32BE(0) + 4).toBe(c.allocPacket(32768 + 9).readUInt32BE(0) + 4);
    }
  });

  it('encrypts into pooled buffers exactly as into fresh ones', () => {
    installPacketPool();
    const sent: Buffer[] = [];
    const a = cipher('chacha20-poly1305@openssh.com', (b) => sent.push(Buffer.from(b)));
    const b = cipher('chacha20-poly1305@openssh.com', (x) => sent.push(Buffer.from(x)));
    const payload = Buffer.alloc(30_000, 0x42);
    const packetA = a.allocPacket(payload.length);
    payload.copy(packetA, 5);
    const padA = Buffer.from(packetA.subarray(5 + payload.length, packetA.length - 16));
    a.encrypt(packetA);
    givePacketBuffer(packetA); // dirty buffer back in the pool, then reused by b
    const packetB = b.allocPacket(payload.length);
    expect(packetB.buffer).toBe(packetA.buffer);
    payload.copy(packetB, 5);
    padA.copy(packetB, 5 + payload.length); // same padding, so both must encrypt identically
    b.encrypt(packetB);
    expect(sent[1]?.equals(sent[0] as Buffer)).toBe(true);
  });

  it('refuses a layout that differs from the original', () => {
    const chacha = makeAllocPacket(8);
    expect(sameLayout(chacha, makeAllocPacket(8))).toBe(true);
    expect(sameLayout(chacha, makeAllocPacket(16))).toBe(false);
  });

  it('ignores foreign buffers, views and a second return of the same buffer', () => {
    const before = freePacketBuffers();
    givePacketBuffer(Buffer.alloc(33 * 1024));
    givePacketBuffer(Buffer.allocUnsafe(100));
    expect(freePacketBuffers()).toBe(before);
    const own = takePacketBuffer(20_000);
    const taken = freePacketBuffers();
    givePacketBuffer(own.subarray(4));
    expect(freePacketBuffers()).toBe(taken);
    givePacketBuffer(own);
    givePacketBuffer(own);
    expect(freePacketBuffers()).toBe(taken + 1);
    // Small and oversize packets are plain buffers, never pooled.
    expect(takePacketBuffer(100).buffer.byteLength).not.toBe(33 * 1024);
    expect(takePacketBuffer(40_000).length).toBe(40_000);
  });

  it('returns a written packet only when the socket has nothing queued', () => {
    const writes: Buffer[] = [];
    const idle = { _protocol: { _onWrite: (b: Buffer) => writes.push(b) } };
    expect(recyclePacketsOf(idle, fakeSocket(0))).toBe(true);
    const busy = { _protocol: { _onWrite: (b: Buffer) => writes.push(b) } };
    expect(recyclePacketsOf(busy, fakeSocket(4096))).toBe(true);

    const p1 = takePacketBuffer(20_000);
    const count = freePacketBuffers();
    busy._protocol._onWrite(p1);
    expect(freePacketBuffers()).toBe(count);
    idle._protocol._onWrite(p1);
    expect(freePacketBuffers()).toBe(count + 1);
    expect(writes).toEqual([p1, p1]);
    expect(recyclePacketsOf({}, fakeSocket(0))).toBe(false);
  });
});
