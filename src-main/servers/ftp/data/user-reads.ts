// Data sockets that read into memory we hand them (Node's `onread` socket option) instead of a
// fresh 64 KiB buffer per read. An upload through 'data' events allocates 16,384 buffers per GiB;
// on this kind of machine (a KVM guest) that churn cost a receiver about twice the CPU of reading
// into a few reused 1 MiB buffers (1 GiB over loopback into a file, four runs each: 2.6-2.8 s vs
// 1.0-1.5 s of CPU, 2.0-2.4 s vs 0.8-1.3 s wall). Downloads and listings never read, so the
// default target just drops bytes.
//
// Node only takes `onread` when it builds the socket. Active-mode sockets are ours to build; a
// passive one comes from net.Server, so an upload rebuilds it around the same handle while it is
// still paused and nothing has read from it (downloads and listings leave it alone). That reaches
// into `_handle`, so it is checked and falls back to the socket as it was (the 'data' path).
import { Socket } from 'node:net';
import type { OnReadOpts } from 'node:net';

/** What reads land in while a transfer owns the socket. */
export interface ReadTarget {
  /** Where the next read may land; at least MIN_ROOM bytes. */
  room(): Buffer;
  /**
   * `n` bytes arrived at the start of `into`: normally the last `room()`, but the first read after
   * a target change may land in the previous target's room. False stops reading (pause).
   */
  landed(n: number, into: Buffer): boolean;
}

/** Smallest room a target offers: one read never carries more than this into a stranger's room. */
export const MIN_ROOM = 64 * 1024;

/** Bytes nobody asked for (a client writing to a download's data connection) are dropped. */
const DISCARD: ReadTarget = {
  room: () => discardRoom,
  landed: () => true,
};
const discardRoom = Buffer.allocUnsafeSlow(MIN_ROOM);

/** The switch between a socket's reads and whichever target currently wants them. */
export class UserReads {
  private target: ReadTarget = DISCARD;

  /** The `onread` option for a socket this switch feeds. */
  readonly onread: OnReadOpts = {
    buffer: () => this.target.room(),
    callback: (n: number, into: Uint8Array) => this.target.landed(n, into as Buffer),
  };

  /** Sends reads to `target` (until `release`); call while the socket is paused. */
  attach(target: ReadTarget): void {
    this.target = target;
  }

  release(target: ReadTarget): void {
    if (this.target === target) this.target = DISCARD;
  }
}

const switches = new WeakMap<Socket, UserReads>();

/** The switch of a socket built with one; undefined for every other socket (TLS ones included). */
export function userReadsOf(socket: Socket): UserReads | undefined {
  return switches.get(socket);
}

/** Registers a socket that was built with `reads.onread`. */
export function noteUserReads(socket: Socket, reads: UserReads): Socket {
  switches.set(socket, reads);
  return socket;
}

/** The parts of a libuv TCP handle this module relies on. */
interface StreamHandle {
  readonly reading?: boolean;
  useUserBuffer?: unknown;
  readStart?: unknown;
}

/**
 * The socket an upload reads from: one with a UserReads switch when it can be had. Sockets Wharf
 * dialled (active mode) were built with one. A passive one, accepted by net.Server and still paused
 * with nothing read, is rebuilt around its handle; the old object is cut off from it. Anything else
 * (or a handle that does not look as expected) is returned as it is.
 */
export function forUpload(socket: Socket): Socket {
  if (switches.has(socket)) return socket;
  const loose = socket as unknown as { _handle?: StreamHandle | null };
  const handle = loose._handle;
  if (
    !handle ||
    typeof handle.useUserBuffer !== 'function' ||
    typeof handle.readStart !== 'function' ||
    handle.reading === true ||
    socket.destroyed ||
    socket.readableLength > 0
  ) {
    return socket;
  }
  const reads = new UserReads();
  let rebuilt: Socket;
  try {
    // `handle` and `pauseOnCreate` are what net.Server itself passes for an accepted connection.
    const options = { handle, onread: reads.onread, pauseOnCreate: true, readable: true, writable: true };
    rebuilt = new Socket(options as unknown as ConstructorParameters<typeof Socket>[0]);
  } catch {
    return socket;
  }
  // The old object must never touch the handle again (a destroy would close it under the new one).
  loose._handle = null;
  socket.removeAllListeners();
  rebuilt.on('error', () => rebuilt.destroy());
  return noteUserReads(rebuilt, reads);
}
