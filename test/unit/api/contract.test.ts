// The contract's schemas: the VFS options of a share come from the option table (every flag, its
// kind, nothing else), text fields refuse control characters, defaults fill in, and every channel
// name follows `domain:verb`.
import { describe, expect, it } from 'vitest';
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  defaultVfsFlagValues,
  envelopeSchema,
  resolveVfsValues,
  shareCreateSchema,
  vfsValuesSchema,
} from '../../../src-shared/contract/index.js';
import { VFS_OPTIONS } from '../../../src-shared/options/vfs-options.js';
import { z } from 'zod';

describe('contract', () => {
  it('names every channel domain:verb', () => {
    for (const name of [...Object.keys(REQUEST_CHANNELS), ...Object.keys(EVENT_CHANNELS)]) {
      expect(name).toMatch(/^[a-z]+:[a-z-]+$/);
    }
  });

  it('accepts every VFS option of the table with its default, and nothing else', () => {
    const defaults = Object.fromEntries(Object.entries(defaultVfsFlagValues()).filter(([, v]) => v !== undefined));
    expect(Object.keys(defaults).length).toBeGreaterThan(10);
    expect(vfsValuesSchema.safeParse(defaults).success).toBe(true);
    for (const spec of VFS_OPTIONS) {
      expect(Object.hasOwn(vfsValuesSchema.parse({ [spec.name]: spec.default ?? (spec.kind === 'bool' ? true : '/tmp/c') }), spec.name)).toBe(true);
    }
    expect(vfsValuesSchema.safeParse({ 'no-such-flag': 1 }).success).toBe(false);
    expect(vfsValuesSchema.safeParse({ 'vfs-cache-mode': 'turbo' }).success).toBe(false);
    expect(vfsValuesSchema.safeParse({ 'dir-cache-time': -5 }).success).toBe(false);
    expect(vfsValuesSchema.safeParse({ 'vfs-cache-max-size': 'off' }).success).toBe(true);
    expect(vfsValuesSchema.safeParse({ transfers: 0 }).success).toBe(false);
    expect(resolveVfsValues({ 'vfs-cache-mode': 'full' })).toMatchObject({ cacheMode: 'full', transfers: 4 });
  });

  it('fills in the defaults of a new share', () => {
    const share = shareCreateSchema.parse({ name: '  Photos ', source: { kind: 'local', path: '/srv/photos' } });
    expect(share).toEqual({
      name: 'Photos',
      source: { kind: 'local', path: '/srv/photos' },
      sftp: { enabled: true, port: 2022, bind: 'localhost' },
      ftp: { enabled: false, port: 2121, bind: 'localhost' },
      readOnly: false,
      vfs: {},
      authProxy: null,
    });
    expect(shareCreateSchema.safeParse({ name: 'a\nb', source: { kind: 'local', path: '/x' } }).success).toBe(false);
    expect(shareCreateSchema.safeParse({ name: 'a', source: { kind: 'local', path: '/x\u0000' } }).success).toBe(false);
    expect(shareCreateSchema.safeParse({ name: '   ', source: { kind: 'local', path: '/x' } }).success).toBe(false);
    expect(shareCreateSchema.safeParse({ name: 'a', source: { kind: 'ftp', path: '/x' } }).success).toBe(false);
    expect(shareCreateSchema.safeParse({ name: 'a', source: { kind: 'local', path: '/x' }, sftp: { enabled: true, port: 70000, bind: 'localhost' } }).success).toBe(false);
  });

  it('describes envelopes', () => {
    const schema = envelopeSchema(z.number());
    expect(schema.safeParse({ ok: true, value: 1 }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'internal', message: 'x' } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'oops', message: 'x' } }).success).toBe(false);
    expect(schema.safeParse({ ok: true, value: 1, stack: 'x' }).success).toBe(false);
  });
});
