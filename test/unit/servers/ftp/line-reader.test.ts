import { describe, expect, it } from 'vitest';
import { LineReader, MAX_LINE_BYTES, parseCommandLine } from '../../../../src-main/servers/ftp/control/line-reader.js';
import type { ControlLine } from '../../../../src-main/servers/ftp/control/line-reader.js';

const texts = (lines: readonly ControlLine[]) => lines.map((l) => (l.kind === 'line' ? l.text : '<too-long>'));

describe('LineReader', () => {
  it('keeps a command cut across packets whole (ftp-srv split per packet)', () => {
    const reader = new LineReader();
    expect(texts(reader.push(Buffer.from('RE')))).toEqual([]);
    expect(texts(reader.push(Buffer.from('TR a b.txt\r')))).toEqual(['RETR a b.txt']);
    // The LF of a CRLF that arrives in the next packet does not make an empty line.
    expect(texts(reader.push(Buffer.from('\nNOOP\r\n')))).toEqual(['NOOP']);
  });

  it('splits several commands in one packet, and accepts LF or a bare CR as line end', () => {
    const reader = new LineReader();
    expect(texts(reader.push(Buffer.from('USER a\r\nPASS b\nSYST\rNOOP\r\n')))).toEqual(['USER a', 'PASS b', 'SYST', 'NOOP']);
  });

  it('keeps UTF-8 names intact even when a character is split between packets', () => {
    const reader = new LineReader();
    const bytes = Buffer.from('MKD café ☃\r\n');
    const cut = bytes.indexOf(0xa9) ; // inside "é"
    expect(texts(reader.push(bytes.subarray(0, cut)))).toEqual([]);
    expect(texts(reader.push(bytes.subarray(cut)))).toEqual(['MKD café ☃']);
  });

  it('drops Telnet IAC sequences, including a stray IAC whose partner the kernel took as urgent data', () => {
    const reader = new LineReader();
    // lftp: IAC IP IAC DM ABOR. With DM sent as urgent data it never arrives inline.
    expect(texts(reader.push(Buffer.from([0xff, 0xf4, 0xff, 0xf2, ...Buffer.from('ABOR\r\n')])))).toEqual(['ABOR']);
    expect(texts(reader.push(Buffer.from([0xff, 0xf4, 0xff, ...Buffer.from('ABOR\r\n')])))).toEqual(['ABOR']);
    // IAC WILL <option> is three bytes, here split across packets.
    expect(texts(reader.push(Buffer.from([0xff, 0xfb])))).toEqual([]);
    expect(texts(reader.push(Buffer.from([0x01, ...Buffer.from('NOOP\r\n')])))).toEqual(['NOOP']);
    // IAC IAC is a literal 0xFF byte.
    const literal = reader.push(Buffer.from([0x41, 0xff, 0xff, 0x42, 0x0a]));
    expect(literal[0]?.kind === 'line' && Buffer.from(literal[0].text, 'utf8').includes(Buffer.from('\ufffd'))).toBe(true);
  });

  it('discards an over-long line as a whole and recovers on the next one', () => {
    const reader = new LineReader();
    const big = Buffer.alloc(MAX_LINE_BYTES + 10, 0x61);
    expect(texts(reader.push(big))).toEqual([]);
    expect(texts(reader.push(Buffer.from('aaa\r\nNOOP\r\n')))).toEqual(['<too-long>', 'NOOP']);
  });
});

describe('parseCommandLine', () => {
  it('upper-cases the verb and keeps the argument exactly (quotes, inner and trailing spaces)', () => {
    expect(parseCommandLine('retr "my  file".txt ')).toEqual({ verb: 'RETR', arg: '"my  file".txt ' });
    expect(parseCommandLine('noop')).toEqual({ verb: 'NOOP', arg: '' });
    expect(parseCommandLine('DELE -x')).toEqual({ verb: 'DELE', arg: '-x' });
  });
});
