// Pairs the rejected lines main reports with their text, so the screen can show each reason next
// to what was pasted, and keeps only those lines for another try. Pure (no DOM).
import type { KeyImportResult } from '../../../src-shared/contract/index.js';

export interface RejectedLine {
  /** 1-based; 0 means the text as a whole. */
  readonly line: number;
  readonly reason: string;
  /** The start of the line as typed (never a private key: those are not echoed). */
  readonly excerpt: string;
}

const EXCERPT = 48;

export function rejectedLines(text: string, result: KeyImportResult): RejectedLine[] {
  const lines = text.split(/\r?\n/);
  return result.errors.map((e) => {
    const raw = e.line > 0 ? (lines[e.line - 1] ?? '') : '';
    const secret = /PRIVATE KEY/.test(raw) || /private key/i.test(e.reason);
    const trimmed = raw.trim();
    const excerpt = secret ? '' : trimmed.length > EXCERPT ? `${trimmed.slice(0, EXCERPT)}…` : trimmed;
    return { line: e.line, reason: e.reason.charAt(0).toUpperCase() + e.reason.slice(1), excerpt };
  });
}

/** The text left in the box after an import: only the lines that were rejected (not private keys). */
export function remainingText(text: string, rejected: readonly RejectedLine[]): string {
  if (rejected.some((r) => r.line === 0 || /private key/i.test(r.reason))) return '';
  const lines = text.split(/\r?\n/);
  return rejected
    .map((r) => lines[r.line - 1] ?? '')
    .filter((l) => l.trim() !== '')
    .join('\n');
}
