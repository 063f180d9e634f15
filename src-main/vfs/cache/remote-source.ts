// Reads ranges of the remote file behind a cache item, keeping one backend file open between reads
// and reopening it when the item was renamed or a read failed (a dropped connection).
import type { Backend, BackendFile } from '../backend/backend.js';
import { VfsError } from '../errors.js';
import type { OpenFlags } from '../types.js';

const READ_ONLY: OpenFlags = { read: true, write: false, append: false, create: false, truncate: false, exclusive: false };

export class RemoteSource {
  private open: { readonly path: string; readonly file: Promise<BackendFile> } | undefined;

  constructor(private readonly backend: Backend) {}

  /** Exactly `length` bytes from `position`; a remote file shorter than that is an error. */
  async read(path: string, position: number, length: number): Promise<Buffer> {
    const file = await this.fileFor(path);
    const parts: Buffer[] = [];
    let got = 0;
    try {
      while (got < length) {
        const part = await file.read(position + got, length - got);
        if (part.length === 0) break;
        parts.push(part);
        got += part.length;
      }
    } catch (err) {
      this.drop();
      throw err;
    }
    if (got < length) {
      throw new VfsError('EPERM', 'The file changed on the remote while it was being read');
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, got);
  }

  async close(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    await open?.file.then((f) => f.close()).catch(() => undefined);
  }

  private fileFor(path: string): Promise<BackendFile> {
    if (this.open?.path !== path) {
      this.drop();
      const file = this.backend.open(path, READ_ONLY, 0);
      const entry = { path, file };
      this.open = entry;
      file.catch(() => {
        if (this.open === entry) this.open = undefined;
      });
    }
    return (this.open as { file: Promise<BackendFile> }).file;
  }

  private drop(): void {
    const open = this.open;
    this.open = undefined;
    void open?.file.then((f) => f.close()).catch(() => undefined);
  }
}
