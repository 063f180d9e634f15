// Reused read buffers for RETR. Allocating a fresh 256 KiB buffer per read made the garbage
// collector the server's biggest CPU cost on small downloads (a third of busy time) and let
// external memory pile up during parallel big downloads (374 MB RSS for 4 x 256 MiB). A buffer
// comes back only when the socket reports its write done, so none is ever reused while queued.

export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(
    readonly size: number,
    /** Idle buffers kept; beyond that a returned buffer is left to the garbage collector. */
    private readonly maxFree: number,
  ) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  give(buffer: Buffer): void {
    if (buffer.length === this.size && this.free.length < this.maxFree) this.free.push(buffer);
  }

  /** Idle buffers held (for tests). */
  get idle(): number {
    return this.free.length;
  }
}
