// Reuses the buffers ssh2 encrypts outgoing SSH packets into. ssh2 allocates a fresh buffer for
// every packet it sends (32 KiB each during a download) plus a randomFillSync call for its few
// bytes of padding; the buffers die at once, but V8 sees only small objects holding external
// memory and ran a full mark-compact every ~20 MiB sent. Measured on a 512 MiB download: mark-
// compacts 20-26 -> 1-2, server CPU -25% (chacha20) / -15% (aes-gcm), peak RSS -10 MB.
//
// Two small, checked interventions, both no-ops when ssh2 does not look as expected:
// - `allocPacket` of ssh2's native-binding AEAD ciphers (the ones Wharf negotiates when the binding
//   is built) takes its buffer from a free list and its padding from a pooled CSPRNG buffer. The
//   replacement is installed only after it produced the same layout as ssh2's own for a range of
//   payload sizes.
// - A connection's write function hands a packet back to the free list once the socket has taken
//   it whole (nothing left queued, so the kernel has the bytes); anything else is left to the GC.
import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/** Room for a full channel-data packet: 32 KiB of data, headers, padding and MAC. */
const SLOT_BYTES = 33 * 1024;
/** Smaller packets come from Node's own buffer pool, which is cheap for them. */
const MIN_POOLED = 4 * 1024;
/** Free slots kept at most (4 MiB): enough for every packet of a 2 MiB window in flight. */
const MAX_FREE = 128;
const MAC_BYTES = 16;

/** The AEAD cipher classes of ssh2's binding and their padding block size. */
const KNOWN_CIPHERS: readonly { readonly cipher: string; readonly className: string; readonly block: number }[] = [
  { cipher: 'chacha20-poly1305@openssh.com', className: 'ChaChaPolyCipherBinding', block: 8 },
  { cipher: 'aes128-gcm@openssh.com', className: 'AESGCMCipherBinding', block: 16 },
];

/** A cipher instance as far as this module touches it. */
interface PacketCipher {
  allocPacket(payloadLen: number): Buffer;
}

interface Ssh2CryptoModule {
  readonly bindingAvailable?: unknown;
  readonly CIPHER_INFO?: Record<string, { readonly keyLen: number; readonly ivLen: number } | undefined>;
  readonly createCipher?: (config: unknown) => unknown;
}

const free: ArrayBuffer[] = [];
const slots = new WeakSet<ArrayBuffer>();
let random = Buffer.alloc(0);
let randomPos = 0;

/** A buffer of `n` bytes; a pooled slot when `n` is in the pooled range. */
export function takePacketBuffer(n: number): Buffer {
  if (n < MIN_POOLED || n > SLOT_BYTES) return Buffer.allocUnsafe(n);
  let slot = free.pop();
  if (slot === undefined) {
    slot = new ArrayBuffer(SLOT_BYTES);
    slots.add(slot);
  }
  return Buffer.from(slot, 0, n);
}

/** Returns a buffer from `takePacketBuffer` to the free list; ignores every other buffer. */
export function givePacketBuffer(buf: Buffer): void {
  const slot = buf.buffer as ArrayBuffer;
  if (buf.byteOffset !== 0 || !slots.has(slot) || free.length >= MAX_FREE || free.includes(slot)) return;
  free.push(slot);
}

/** Free slots right now (tests). */
export function freePacketBuffers(): number {
  return free.length;
}

/** Fills `buf[at, at + n)` with CSPRNG bytes drawn from a pooled 16 KiB block. */
function randomPadding(buf: Buffer, at: number, n: number): void {
  if (randomPos + n > random.length) {
    random = randomFillSync(Buffer.allocUnsafeSlow(16 * 1024));
    randomPos = 0;
  }
  random.copy(buf, at, randomPos, randomPos + n);
  randomPos += n;
}

/** ssh2's AEAD packet layout: padding aligns everything after the length field to `block`. */
export function makeAllocPacket(block: number): (payloadLen: number) => Buffer {
  return (payloadLen: number): Buffer => {
    let pktLen = 4 + 1 + payloadLen;
    let padLen = block - ((pktLen - 4) & (block - 1));
    if (padLen < 4) padLen += block;
    pktLen += padLen;
    const packet = takePacketBuffer(pktLen + MAC_BYTES);
    packet.writeUInt32BE(pktLen - 4, 0);
    packet[4] = padLen;
    randomPadding(packet, 5 + payloadLen, padLen);
    return packet;
  };
}

/** Whether `ours` lays packets out exactly as `original` does (length, header bytes). */
export function sameLayout(original: (payloadLen: number) => Buffer, ours: (payloadLen: number) => Buffer): boolean {
  for (const len of [0, 1, 3, 4, 7, 8, 15, 16, 100, 4096, 32768 + 9, 32768 + 13, 40000]) {
    const a = original(len);
    const b = ours(len);
    const same = a.length === b.length && a.subarray(0, 5).equals(b.subarray(0, 5));
    givePacketBuffer(b);
    if (!same) return false;
  }
  return true;
}

let installed: boolean | undefined;
/**
 * The sample ciphers stay referenced for the life of the process: when the GC destroys one of
 * ssh2's binding objects at a moment with no Node environment current (seen in test workers), its
 * destructor aborts the process. Two small objects are a cheap way never to meet that.
 */
const samples: PacketCipher[] = [];

/**
 * Switches ssh2's binding AEAD ciphers to pooled packet buffers (once per process). Returns
 * whether at least one cipher was switched; false leaves ssh2 exactly as it was.
 */
export function installPacketPool(): boolean {
  if (installed !== undefined) return installed;
  installed = false;
  let crypto: Ssh2CryptoModule;
  try {
    crypto = createRequire(import.meta.url)('ssh2/lib/protocol/crypto.js') as Ssh2CryptoModule;
  } catch {
    return false;
  }
  if (crypto.bindingAvailable !== true || typeof crypto.createCipher !== 'function') return false;
  for (const known of KNOWN_CIPHERS) {
    const info = crypto.CIPHER_INFO?.[known.cipher];
    if (info === undefined) continue;
    let sample: PacketCipher;
    try {
      sample = crypto.createCipher({
        outbound: {
          onWrite: () => undefined,
          cipherInfo: info,
          cipherKey: Buffer.alloc(info.keyLen),
          cipherIV: Buffer.alloc(info.ivLen),
          seqno: 0,
        },
      }) as PacketCipher;
    } catch {
      continue;
    }
    const proto = Object.getPrototypeOf(sample) as PacketCipher & { constructor: { name: string } };
    const original = proto.allocPacket;
    const ours = makeAllocPacket(known.block);
    if (proto.constructor.name === known.className && typeof original === 'function' && sameLayout((n) => original.call(sample, n), ours)) {
      proto.allocPacket = ours;
      installed = true;
    }
    samples.push(sample);
  }
  return installed;
}

/** The part of an ssh2 server connection whose writes are watched. */
interface WritingProtocol {
  _onWrite?: unknown;
}

/**
 * Hands each packet this connection sends back to the pool once `socket` has taken it whole.
 * Call before the key exchange completes (ssh2 gives each new cipher the write function then).
 */
export function recyclePacketsOf(client: unknown, socket: Socket): boolean {
  const protocol = (client as { _protocol?: WritingProtocol } | undefined)?._protocol;
  const write = protocol?._onWrite;
  if (protocol === undefined || typeof write !== 'function') return false;
  protocol._onWrite = (data: Buffer): void => {
    (write as (data: Buffer) => void)(data);
    // Nothing queued: the socket wrote the packet synchronously and holds no reference to it.
    if (socket.writableLength === 0) givePacketBuffer(data);
  };
  return true;
}
