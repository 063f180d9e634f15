// Lets an out-of-order request wait a short time for the in-sequence one: pipelining clients send
// several READ/WRITE requests at once and they may arrive out of order (rclone issue 5806). A
// waiter resolves when the watched offset reaches its target, or when its time is up.
export class OffsetWaiters {
  private readonly waiters = new Set<{ readonly target: number; readonly wake: () => void }>();

  /** Resolves true when `current()` equals `target`, false after `maxWaitMs` or on `cancelAll`. */
  waitFor(target: number, current: () => number, maxWaitMs: number): Promise<boolean> {
    if (current() === target) return Promise.resolve(true);
    if (maxWaitMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        target,
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(current() === target);
        },
      };
      const timer = setTimeout(waiter.wake, maxWaitMs);
      this.waiters.add(waiter);
    });
  }

  /** Called whenever the watched offset moves: wakes the waiters whose target it reached. */
  moved(offset: number): void {
    for (const waiter of [...this.waiters]) if (waiter.target === offset) waiter.wake();
  }

  /** Wakes everyone (the handle is closing); they see their target was not reached. */
  cancelAll(): void {
    for (const waiter of [...this.waiters]) waiter.wake();
  }
}
