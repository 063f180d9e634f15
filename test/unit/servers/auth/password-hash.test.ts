// Password hashes: scrypt with a random salt, parameters encoded in the string, constant-time
// verification, and refusal of anything that is not a hash we wrote (or asks for absurd costs).
import { describe, expect, it } from 'vitest';
import {
  GENERATED_PASSWORD_LENGTH,
  PasswordHashError,
  generatePassword,
  hashPassword,
  isPasswordHash,
  verifyPassword,
} from '../../../../src-main/servers/auth/index.js';

const CHEAP = { ln: 10, r: 8, p: 1 };

describe('hashPassword / verifyPassword', () => {
  it('encodes scrypt with its parameters and a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse battery', b)).toBe(true);
  });

  it('refuses a wrong password, one character off or with a different case', async () => {
    const h = await hashPassword('Secret-Password', CHEAP);
    expect(await verifyPassword('Secret-Password', h)).toBe(true);
    expect(await verifyPassword('Secret-Passwore', h)).toBe(false);
    expect(await verifyPassword('secret-password', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('verifies hashes made with other parameters (the cost can be raised later)', async () => {
    const h = await hashPassword('pw-with-low-cost', CHEAP);
    expect(h.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('pw-with-low-cost', h)).toBe(true);
  });

  it('treats canonically equivalent Unicode spellings as the same password', async () => {
    const composed = 'caf\u00e9-au-lait';
    const decomposed = 'cafe\u0301-au-lait';
    const h = await hashPassword(composed, CHEAP);
    expect(await verifyPassword(decomposed, h)).toBe(true);
  });

  it('refuses strings that are not its hashes, and hashes asking for absurd costs', async () => {
    const h = await hashPassword('x'.repeat(12), CHEAP);
    expect(isPasswordHash(h)).toBe(true);
    for (const bad of ['', 'plain text', '$2b$10$abcdefghijklmnopqrstuv', h.replace('ln=10', 'ln=40'), h.replace('r=8', 'r=0'), h.slice(0, -5)]) {
      expect(isPasswordHash(bad)).toBe(false);
      await expect(verifyPassword('x'.repeat(12), bad)).rejects.toBeInstanceOf(PasswordHashError);
    }
    await expect(hashPassword('x', { ln: 30, r: 8, p: 1 })).rejects.toBeInstanceOf(PasswordHashError);
  });
});

describe('generatePassword', () => {
  it('makes long random passwords from an unambiguous alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(GENERATED_PASSWORD_LENGTH);
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(generatePassword(32)).toHaveLength(32);
    expect(() => generatePassword(4)).toThrow(RangeError);
  });

  it('uses the whole alphabet (no stuck or biased characters)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++) for (const c of generatePassword()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(57);
    // 8000 draws over 57 symbols: about 140 each; a broken generator lands far outside this band.
    for (const n of counts.values()) expect(n).toBeGreaterThan(70);
  });
});
