// Client-supplied text (user names, commands) made safe for one log line: control characters
// replaced, length bounded, quoted.

export function printable(text: string, max = 64): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max)}...` : clean);
}
