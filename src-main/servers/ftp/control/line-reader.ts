// Frames the control connection into command lines. ftp-srv split each TCP chunk on CRLF, so a
// command cut across two packets (slow links, TLS records) became two broken commands; this keeps
// the partial line until its end arrives. Telnet IAC sequences (lftp sends IAC IP / IAC DM before
// ABOR) are dropped, and a line past the cap is discarded instead of growing without bound.
// A line ends at CRLF, LF or a bare CR: clients that send ABOR as urgent data (Python's ftplib)
// mark its last byte urgent, and without SO_OOBINLINE (which node cannot set) the kernel takes
// that LF out of the stream, leaving "ABOR\r".

const IAC = 0xff;
/** Telnet WILL/WONT/DO/DONT carry one option byte after the verb. */
const NEGOTIATION_MIN = 251;
const TELNET_COMMAND_MIN = 240;
const LF = 0x0a;
const CR = 0x0d;

/** Longest accepted command line in bytes: a 4096-unit path in UTF-8 plus the verb. */
export const MAX_LINE_BYTES = 16 * 1024;

export type ControlLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'too-long' };

export class LineReader {
  private parts: Buffer[] = [];
  private size = 0;
  private discarding = false;
  /** Bytes of a Telnet sequence still to skip (it may straddle two chunks). */
  private skip = 0;
  private afterIac = false;
  /** The previous chunk ended in CR: an LF starting this one belongs to that line end. */
  private afterCr = false;

  /** Feeds one chunk; returns the complete lines it finished, in order. */
  push(chunk: Buffer): ControlLine[] {
    const clean = chunk.includes(IAC) || this.skip > 0 || this.afterIac ? this.stripTelnet(chunk) : chunk;
    const out: ControlLine[] = [];
    let start = 0;
    if (this.afterCr && clean.length > 0) {
      this.afterCr = false;
      if (clean[0] === LF) start = 1;
    }
    for (let i = start; i < clean.length; i++) {
      const byte = clean[i];
      if (byte !== LF && byte !== CR) continue;
      this.append(clean.subarray(start, i));
      out.push(this.finishLine());
      if (byte === CR) {
        if (i + 1 === clean.length) this.afterCr = true;
        else if (clean[i + 1] === LF) i++;
      }
      start = i + 1;
    }
    this.append(clean.subarray(start));
    return out;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0 || this.discarding) return;
    if (this.size + bytes.length > MAX_LINE_BYTES) {
      this.discarding = true;
      this.parts = [];
      this.size = 0;
      return;
    }
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private finishLine(): ControlLine {
    if (this.discarding) {
      this.discarding = false;
      return { kind: 'too-long' };
    }
    const line = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return { kind: 'line', text: line.toString('utf8') };
  }

  private stripTelnet(chunk: Buffer): Buffer {
    const out = Buffer.allocUnsafe(chunk.length);
    let n = 0;
    for (const byte of chunk) {
      if (this.skip > 0) {
        this.skip--;
        continue;
      }
      if (this.afterIac) {
        this.afterIac = false;
        if (byte === IAC) out[n++] = IAC;
        else if (byte >= NEGOTIATION_MIN) this.skip = 1;
        // Below 240 it is no Telnet command: the IAC was stray (its partner was the urgent byte
        // the kernel removed), so this byte is ordinary text.
        else if (byte < TELNET_COMMAND_MIN) out[n++] = byte;
        continue;
      }
      if (byte === IAC) this.afterIac = true;
      else out[n++] = byte;
    }
    return out.subarray(0, n);
  }
}

/** Splits a command line into its upper-cased verb and the untouched rest (names keep quotes and spaces). */
export function parseCommandLine(text: string): { readonly verb: string; readonly arg: string } {
  const space = text.indexOf(' ');
  if (space < 0) return { verb: text.trim().toUpperCase(), arg: '' };
  return { verb: text.slice(0, space).trim().toUpperCase(), arg: text.slice(space + 1) };
}
