// Time as the auth layer sees it: an injectable clock (tests move it instead of waiting for a
// 15-minute ban to end) and the padding that makes every failed login take the same time.

/** Milliseconds since the epoch, like Date.now. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Waits until `delayMs` have passed since `startedMs` (real time, never the injected clock: the
 * delay is what a client measures). A failure that took longer already is not slowed further.
 */
export function padFailure(startedMs: number, delayMs: number): Promise<void> {
  return sleep(startedMs + delayMs - Date.now());
}
