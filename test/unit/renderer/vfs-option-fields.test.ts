import { describe, expect, it } from 'vitest';
import { VFS_OPTIONS } from '../../../src-shared/options/index.js';
import { ADVANCED_OPTIONS, defaultLabel, fieldKind, optionLabel, textsFromValues, valuesFromTexts } from '../../../src-renderer/features/cache/vfs-option-fields.js';

describe('advanced VFS option fields', () => {
  it('lists every option of the shared table except the cache mode, with its default', () => {
    expect(ADVANCED_OPTIONS.map((o) => o.name)).toEqual(VFS_OPTIONS.map((o) => o.name).filter((n) => n !== 'vfs-cache-mode'));
    const byName = new Map(ADVANCED_OPTIONS.map((o) => [o.name, o]));
    const get = (name: string) => {
      const spec = byName.get(name);
      if (!spec) throw new Error(name);
      return spec;
    };
    expect(defaultLabel(get('dir-cache-time'))).toBe('5m');
    expect(defaultLabel(get('buffer-size'))).toBe('16Mi');
    expect(defaultLabel(get('vfs-case-insensitive'))).toBe('true on Windows and macOS, false elsewhere');
    expect(fieldKind(get('vfs-case-insensitive'))).toBe('tristate');
    expect(fieldKind(get('no-seek'))).toBe('checkbox');
    expect(optionLabel(get('vfs-cache-max-size'))).toBe('Cache max size');
  });

  it('parses text with the CLI parsers, drops defaults, and keeps the cache mode', () => {
    const texts = { ...textsFromValues({}), 'dir-cache-time': '10m', 'buffer-size': '16M', 'vfs-cache-max-size': '1G', 'no-seek': 'true' };
    const parsed = valuesFromTexts(texts, { 'vfs-cache-mode': 'writes' });
    expect(parsed).toEqual({
      ok: true,
      values: { 'vfs-cache-mode': 'writes', 'dir-cache-time': 600_000, 'vfs-cache-max-size': 1024 ** 3, 'no-seek': true },
    });
    if (parsed.ok) expect(textsFromValues(parsed.values)['dir-cache-time']).toBe('10m');
  });

  it('names the field of a bad value, and reports a combination that cannot work', () => {
    const bad = valuesFromTexts({ ...textsFromValues({}), 'dir-cache-time': 'soon', transfers: '-1' }, {});
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors['dir-cache-time']).toMatch(/^Invalid duration "soon"/);
    expect(bad.errors.transfers).toMatch(/^Expected a whole number/);
    const combination = valuesFromTexts({ ...textsFromValues({}), 'vfs-write-back': 'off' }, {});
    expect(combination).toEqual({ ok: false, errors: { form: expect.stringMatching(/vfs-write-back/) } });
  });
});
