// Reply formatting (RFC 959 section 4.2). A reply is built as one string and written once: ftp-srv
// wrote every line of a multi-line reply (and every LIST line) as its own promise-chained write.

/** Text that goes into a reply: never a line break, which would let a name forge a reply line. */
export function replyText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

export function formatReply(code: number, text: string): string {
  return `${code} ${replyText(text)}\r\n`;
}

/**
 * A multi-line reply: `code-first`, then each body line (prefixed by a space so none can look like
 * a final `code ` line), then `code last`.
 */
export function formatMultiline(code: number, first: string, body: readonly string[], last: string): string {
  let out = `${code}-${replyText(first)}\r\n`;
  for (const line of body) out += ` ${replyText(line)}\r\n`;
  return out + `${code} ${replyText(last)}\r\n`;
}

/** A path inside a 257 reply: quoted, with embedded quotes doubled (RFC 959 appendix II). */
export function quotePath(path: string): string {
  return `"${path.replace(/"/g, '""')}"`;
}
