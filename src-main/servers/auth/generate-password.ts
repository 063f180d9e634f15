// Generated passwords: shown once to the person at the desktop, then only their hash is kept.
// Letters and digits without look-alikes (0/O, 1/l/I), so they can be read aloud or retyped.
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from 57: about 116 bits of entropy. */
export const GENERATED_PASSWORD_LENGTH = 20;

export function generatePassword(length = GENERATED_PASSWORD_LENGTH): string {
  if (!Number.isInteger(length) || length < 12 || length > 256) {
    throw new RangeError('A generated password must be 12 to 256 characters long');
  }
  let out = '';
  // randomInt is uniform (it rejects biased draws), so every character is equally likely.
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
