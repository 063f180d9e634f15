// A no-op SFTP responder on ssh2, the same SSH stack Wharf's server runs on, used only to measure how
// fast any server on that stack could answer the small-file and listing workloads (floor-run.ts).
// It answers every request at once and touches no disk: uploads are dropped, every opened file reads
// as SMALL_BYTES, and a folder lists the names it was given for its last path segment (a name in
// none of the lists is a folder). Any real server does strictly more.
// Bench only: it accepts any public key without checking it and must never serve anything real.
import { randomFillSync } from 'node:crypto';
import type net from 'node:net';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import { AttrFlag, FileTypeBits, PacketType, SFTP_VERSION, Status } from '../../src-main/servers/sftp/protocol/constants.js';
import { DEFAULT_SFTP_LIMITS } from '../../src-main/servers/sftp/protocol/limits.js';
import { PacketFramer } from '../../src-main/servers/sftp/protocol/packet-framer.js';
import { type FloorFolders, type FloorServer, SMALL_BYTES, lastSegment, listenOnLoopback } from './floor-common.js';

const { INIT, VERSION, OPEN, CLOSE, READ, LSTAT, FSTAT, OPENDIR, READDIR, REALPATH, STAT } = PacketType;
const { STATUS, HANDLE, DATA, NAME, ATTRS } = PacketType;
const ATTR_ALL = AttrFlag.SIZE | AttrFlag.UIDGID | AttrFlag.PERMISSIONS | AttrFlag.ACMODTIME;

const u32 = (n: number): Buffer => {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const sshString = (s: string): Buffer => {
  const b = Buffer.from(s);
  return Buffer.concat([u32(b.length), b]);
};
function attrs(isDir: boolean, size: number): Buffer {
  const b = Buffer.alloc(32);
  b.writeUInt32BE(ATTR_ALL, 0);
  b.writeBigUInt64BE(BigInt(size), 4);
  b.writeUInt32BE(isDir ? FileTypeBits.DIR | 0o755 : FileTypeBits.FILE | 0o644, 20);
  b.writeUInt32BE(1_700_000_000, 24);
  b.writeUInt32BE(1_700_000_000, 28);
  return b;
}
function packet(type: number, id: number, body: Buffer): Buffer {
  return Buffer.concat([u32(body.length + 5), Buffer.from([type]), u32(id), body]);
}
const status = (id: number, code: number): Buffer => packet(STATUS, id, Buffer.concat([u32(code), sshString(''), sshString('')]));
const readString = (p: Buffer, at: number): string => p.toString('utf8', at + 4, at + 4 + p.readUInt32BE(at));

function serveSftp(channel: NodeJS.ReadWriteStream, folders: FloorFolders): void {
  const files = new Set([...folders.values()].flat());
  const listings = new Map<string, { readonly names: readonly string[]; at: number }>();
  const content = randomFillSync(Buffer.alloc(SMALL_BYTES));
  let handles = 0;
  const answer = (p: Buffer): Buffer => {
    const type = p[0];
    if (type === INIT) return Buffer.concat([u32(5), Buffer.from([VERSION]), u32(SFTP_VERSION)]);
    const id = p.readUInt32BE(1);
    switch (type) {
      case REALPATH: {
        const path = readString(p, 5);
        const real = path === '.' || path === '' ? '/' : path;
        return packet(NAME, id, Buffer.concat([u32(1), sshString(real), sshString(real), attrs(true, 0)]));
      }
      case STAT:
      case LSTAT: {
        const file = files.has(lastSegment(readString(p, 5)));
        return packet(ATTRS, id, attrs(!file, file ? SMALL_BYTES : 0));
      }
      case FSTAT:
        return packet(ATTRS, id, attrs(false, SMALL_BYTES));
      case OPEN:
        return packet(HANDLE, id, sshString(`f${++handles}`));
      case OPENDIR: {
        const handle = `d${++handles}`;
        listings.set(handle, { names: folders.get(lastSegment(readString(p, 5))) ?? [], at: 0 });
        return packet(HANDLE, id, sshString(handle));
      }
      case READDIR: {
        const listing = listings.get(readString(p, 5));
        if (listing === undefined || listing.at >= listing.names.length) return status(id, Status.EOF);
        const batch = listing.names.slice(listing.at, listing.at + DEFAULT_SFTP_LIMITS.readdirBatch);
        listing.at += batch.length;
        const entries = batch.map((n) => Buffer.concat([sshString(n), sshString(`-rw-r--r--    1 0        0            ${SMALL_BYTES} Jan  1  2024 ${n}`), attrs(false, SMALL_BYTES)]));
        return packet(NAME, id, Buffer.concat([u32(batch.length), ...entries]));
      }
      case READ: {
        const handleEnd = 5 + 4 + p.readUInt32BE(5);
        const offset = Number(p.readBigUInt64BE(handleEnd));
        return offset >= SMALL_BYTES ? status(id, Status.EOF) : packet(DATA, id, Buffer.concat([u32(SMALL_BYTES), content]));
      }
      case CLOSE:
        listings.delete(readString(p, 5));
        return status(id, Status.OK);
      default:
        // WRITE, MKDIR, SETSTAT, FSETSTAT, REMOVE, RENAME...: done, as far as the client can tell.
        return status(id, Status.OK);
    }
  };
  // Wharf's own framing: the answers read only a packet's head, never a WRITE's data in its tail.
  const framer = new PacketFramer(DEFAULT_SFTP_LIMITS.maxPacketLength, (head) => channel.write(answer(head)));
  channel.on('data', (chunk: Buffer) => framer.push(chunk));
  channel.on('end', () => channel.end());
}

/** Starts the responder on 127.0.0.1 (port 0 picks one). */
export function startSftpFloor(folders: FloorFolders, port = 0): Promise<FloorServer> {
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519').private;
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client: Connection) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => (ctx.method === 'publickey' ? ctx.accept() : ctx.reject(['publickey'])));
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('subsystem', (acceptSub, reject, info) => (info.name === 'sftp' ? serveSftp(acceptSub(), folders) : reject()));
      });
    });
  });
  // As Wharf does: small replies must not wait for Nagle.
  (server as unknown as { _srv: net.Server })._srv.on('connection', (socket: net.Socket) => socket.setNoDelay(true));
  return listenOnLoopback(server, port);
}
