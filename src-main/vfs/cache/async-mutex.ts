// A first-come, first-served async lock. `run` queues synchronously, so callers that start in a
// given order get the lock in that order (pipelined appends and writes rely on it).
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    return previous.then(fn).finally(release);
  }
}
