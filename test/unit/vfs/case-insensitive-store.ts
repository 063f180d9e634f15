// A test fake of case-insensitive, case-preserving storage (NTFS, APFS, most NAS shares) on top of
// the memory backend: any case finds an existing entry, new entries keep the case given, and a
// no-clobber rename `a` → `A` fails with EEXIST because the "target" is the source itself.
import { MemoryBackend, VfsError } from '../../../src-main/vfs/index.js';
import type { Backend, BackendFeatures, BackendFile, HashType, OpenFlags, SetAttrs, StatFs, VfsEntry } from '../../../src-main/vfs/index.js';

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export class CaseInsensitiveStore implements Backend {
  readonly kind = 'memory';
  readonly inner = new MemoryBackend();
  readonly features: BackendFeatures = this.inner.features;

  /** The stored spelling of `path`: each existing component in its stored case, the rest as given. */
  async stored(path: string): Promise<string> {
    if (path === '/') return path;
    let dir = '/';
    const parts = path.slice(1).split('/');
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i] as string;
      let found: string | undefined;
      try {
        for await (const batch of this.inner.list(dir)) {
          found ??= batch.find((e) => e.name.toLowerCase() === name.toLowerCase())?.name;
        }
      } catch {
        found = undefined;
      }
      if (found === undefined) return [dir, ...parts.slice(i)].reduce(join);
      dir = join(dir, found);
    }
    return dir;
  }

  async lstat(path: string): Promise<VfsEntry> {
    return this.inner.lstat(await this.stored(path));
  }
  async stat(path: string): Promise<VfsEntry> {
    return this.inner.stat(await this.stored(path));
  }
  async *list(path: string): AsyncIterable<readonly VfsEntry[]> {
    yield* this.inner.list(await this.stored(path));
  }
  async open(path: string, flags: OpenFlags, mode: number): Promise<BackendFile> {
    return this.inner.open(await this.stored(path), flags, mode);
  }
  async mkdir(path: string, mode: number): Promise<void> {
    return this.inner.mkdir(await this.stored(path), mode);
  }
  async rmdir(path: string): Promise<void> {
    return this.inner.rmdir(await this.stored(path));
  }
  async remove(path: string): Promise<void> {
    return this.inner.remove(await this.stored(path));
  }
  async rename(from: string, to: string, overwrite: boolean): Promise<void> {
    const src = await this.stored(from);
    const dst = await this.stored(to);
    if (src === dst) {
      // The target "exists": it is the source. Replacing it changes the stored case, as rename(2) does.
      if (!overwrite) throw new VfsError('EEXIST');
      const dir = dst.slice(0, dst.lastIndexOf('/')) || '/';
      await this.inner.rename(src, join(dir, to.slice(to.lastIndexOf('/') + 1)), false);
      return;
    }
    return this.inner.rename(src, dst, overwrite);
  }
  async setAttrs(path: string, attrs: SetAttrs, followLinks: boolean): Promise<void> {
    return this.inner.setAttrs(await this.stored(path), attrs, followLinks);
  }
  async readlink(path: string): Promise<string> {
    return this.inner.readlink(await this.stored(path));
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    return this.inner.symlink(target, await this.stored(linkPath));
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    return this.inner.link(await this.stored(existingPath), await this.stored(newPath));
  }
  async copy(from: string, to: string, overwrite: boolean): Promise<void> {
    return this.inner.copy(await this.stored(from), await this.stored(to), overwrite);
  }
  async statfs(path: string): Promise<StatFs> {
    return this.inner.statfs(await this.stored(path));
  }
  async hash(path: string, type: HashType): Promise<string> {
    return this.inner.hash(await this.stored(path), type);
  }
  async close(): Promise<void> {
    await this.inner.close();
  }
}
