// Every node:fs failure in the local backend passes through here on its way out: node's messages
// name local paths, so only the errno survives, classified into the engine's closed set.
import { toVfsError } from '../errors.js';

/** The errno code of a node:fs failure (`ENOENT`, ...), or undefined for anything else. */
export function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Awaits `op` and converts any failure into a client-safe VfsError. */
export async function guarded<T>(op: Promise<T>): Promise<T> {
  try {
    return await op;
  } catch (err) {
    throw toVfsError(err);
  }
}

/** Runs `body` and converts any failure into a client-safe VfsError. */
export async function guard<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw toVfsError(err);
  }
}

/** Runs a synchronous node:fs call and converts any failure into a client-safe VfsError. */
export function inline<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw toVfsError(err);
  }
}

/** A synchronous call's outcome in Promise.allSettled's shape, so inline and async paths share one decision. */
export function settledSync<T>(call: () => T): PromiseSettledResult<T> {
  try {
    return { status: 'fulfilled', value: call() };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}
