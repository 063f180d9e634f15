// A port typed by the person, checked with the contract's port schema. Pure (no DOM).
import { portSchema } from '../../../src-shared/contract/index.js';

export function parsePort(text: string): { port: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return { error: 'Type a number from 1 to 65535 (0 lets the system pick a free one)' };
  const parsed = portSchema.safeParse(Number(trimmed));
  return parsed.success ? { port: parsed.data } : { error: 'Ports go from 1 to 65535 (0 lets the system pick a free one)' };
}
