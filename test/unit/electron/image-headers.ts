// Reads pixel sizes straight from image headers, without an image library: a PNG's IHDR chunk and
// an ICO's directory plus each embedded image's own header (PNG or BMP DIB), so a lying directory
// entry is caught too.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
}

export function readPngHeader(data: Buffer): PngInfo {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  if (data.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bitDepth: data[24] ?? 0, colorType: data[25] ?? 0 };
}

export function pngSize(file: string): { width: number; height: number } {
  const { width, height } = readPngHeader(readFileSync(file));
  return { width, height };
}

export interface IcoEntry {
  readonly width: number;
  readonly height: number;
  readonly format: 'png' | 'bmp';
}

export function readIco(file: string): IcoEntry[] {
  const data = readFileSync(file);
  if (data.length < 6 || data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = data.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + i * 16;
    const dirW = data[e] === 0 ? 256 : (data[e] ?? 0);
    const dirH = data[e + 1] === 0 ? 256 : (data[e + 1] ?? 0);
    const size = data.readUInt32LE(e + 8);
    const offset = data.readUInt32LE(e + 12);
    if (offset + size > data.length) throw new Error(`ICO entry ${i} runs past the end of the file`);
    const image = data.subarray(offset, offset + size);
    let width: number;
    let height: number;
    let format: IcoEntry['format'];
    if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
      ({ width, height } = readPngHeader(image));
      format = 'png';
    } else {
      if (image.readUInt32LE(0) !== 40) throw new Error(`ICO entry ${i} is neither PNG nor a BMP DIB`);
      width = image.readInt32LE(4);
      height = image.readInt32LE(8) / 2; // XOR bitmap + AND mask
      format = 'bmp';
    }
    if (width !== dirW || height !== dirH) throw new Error(`ICO entry ${i}: directory says ${dirW}x${dirH}, image is ${width}x${height}`);
    entries.push({ width, height, format });
  }
  return entries;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG into its pixels (all five row filters). */
export function decodePngRgba(data: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const info = readPngHeader(data);
  if (info.bitDepth !== 8 || info.colorType !== 6) throw new Error('only 8-bit RGBA PNGs are decoded here');
  const parts: Buffer[] = [];
  for (let o = 8; o < data.length; ) {
    const len = data.readUInt32BE(o);
    if (data.toString('ascii', o + 4, o + 8) === 'IDAT') parts.push(data.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(parts));
  const stride = info.width * 4;
  const pixels = new Uint8Array(stride * info.height);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
      let pred: number;
      switch (filter) {
        case 0:
          pred = 0;
          break;
        case 1:
          pred = a;
          break;
        case 2:
          pred = b;
          break;
        case 3:
          pred = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter}`);
      }
      pixels[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width: info.width, height: info.height, pixels };
}
