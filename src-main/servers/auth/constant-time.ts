// Secret comparisons that take the same time whatever the inputs: both sides are hashed first so
// timingSafeEqual always compares equal-length buffers and length differences leak nothing.
import { createHash, timingSafeEqual } from 'node:crypto';

export function digestOf(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  return timingSafeEqual(digestOf(a), digestOf(b));
}

/** Compares an already-computed digest with a value, in constant time. */
export function digestEquals(digest: Buffer, value: string | Buffer): boolean {
  return timingSafeEqual(digest, digestOf(value));
}
