#!/usr/bin/env node
// Draws Wharf's icons (app icon PNGs, the Windows .ico, the tray images for macOS, Windows and Linux)
// from a few vector shapes, with no image tools: shapes are signed-distance functions, each pixel is
// supersampled for anti-aliasing, and PNG / ICO files are encoded here with node:zlib.
// Run `node scripts/make-icons.mjs` after changing a shape; the outputs in assets/ are committed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const ASSETS = path.join(ROOT, 'assets');

// ---- signed distance functions in unit coordinates (0..1, y down); negative inside ----

function roundedRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function circle(cx, cy, r) {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

/** A wave line of the given thickness: y = cy + amp * sin(2π (x - x0) / period), from x0 to x1, round caps. */
function wave(x0, x1, cy, amp, period, thickness) {
  const k = (2 * Math.PI) / period;
  const f = (x) => cy + amp * Math.sin(k * (x - x0));
  return (x, y) => {
    if (x < x0) return Math.hypot(x - x0, y - f(x0)) - thickness / 2;
    if (x > x1) return Math.hypot(x - x1, y - f(x1)) - thickness / 2;
    const slope = amp * k * Math.cos(k * (x - x0));
    return Math.abs(y - f(x)) / Math.sqrt(1 + slope * slope) - thickness / 2;
  };
}

const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
/** The band of width `w` centred on a shape's edge: an outline. */
const stroke = (shape, w) => (x, y) => Math.abs(shape(x, y)) - w / 2;

// ---- the drawings: each is a list of layers { shape, color: [r,g,b,a] | (x,y) => [r,g,b,a] }
// or { shape, erase: true }, which clears the pixels under the shape ----

function appIconLayers() {
  const body = roundedRect(0.06, 0.06, 0.94, 0.94, 0.2);
  const gradient = (_x, y) => {
    const t = Math.min(Math.max((y - 0.06) / 0.88, 0), 1);
    const top = [20, 184, 166];
    const bottom = [30, 64, 175];
    return [...top.map((c, i) => Math.round(c + (bottom[i] - c) * t)), 255];
  };
  const white = [255, 255, 255, 255];
  const folder = union(roundedRect(0.25, 0.27, 0.75, 0.55, 0.035), roundedRect(0.25, 0.22, 0.46, 0.32, 0.03));
  const deck = roundedRect(0.16, 0.6, 0.84, 0.655, 0.02);
  const posts = union(
    roundedRect(0.255, 0.64, 0.305, 0.76, 0.012),
    roundedRect(0.475, 0.64, 0.525, 0.76, 0.012),
    roundedRect(0.695, 0.64, 0.745, 0.76, 0.012),
  );
  return [
    { shape: body, color: gradient },
    { shape: folder, color: white },
    { shape: union(deck, posts), color: white },
    { shape: wave(0.17, 0.83, 0.8, 0.014, 0.165, 0.024), color: [255, 255, 255, 220] },
    { shape: wave(0.23, 0.77, 0.865, 0.012, 0.165, 0.02), color: [255, 255, 255, 150] },
  ];
}

/**
 * The tray glyph: a folder standing on a pier deck. Idle draws the folder as an outline; serving fills
 * it and adds a dot cut free of the folder by a clear ring, so the state reads even in monochrome
 * (macOS template images) at 16 px.
 */
function trayLayers(serving, color, dotColor) {
  const folderBody = roundedRect(0.08, 0.22, 0.92, 0.7, 0.08);
  const folderTab = roundedRect(0.08, 0.1, 0.46, 0.28, 0.06);
  const folder = serving ? union(folderBody, folderTab) : union(stroke(folderBody, 0.12), stroke(folderTab, 0.12));
  const deck = roundedRect(0.0, 0.8, 1.0, 0.93, 0.04);
  const layers = [{ shape: union(folder, deck), color }];
  if (serving) {
    layers.push({ shape: circle(0.8, 0.24, 0.27), erase: true });
    layers.push({ shape: circle(0.8, 0.24, 0.18), color: dotColor });
  }
  return layers;
}

// ---- raster ----

function render(size, layers, samples) {
  const rgba = new Float64Array(size * size * 4);
  const n = samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        let covered = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            const x = (px + (sx + 0.5) / n) / size;
            const y = (py + (sy + 0.5) / n) / size;
            if (layer.shape(x, y) <= 0) covered++;
          }
        }
        if (covered === 0) continue;
        if (layer.erase) {
          // Clears what is below: premultiplied colour and alpha both scale by the uncovered share.
          const keep = 1 - covered / (n * n);
          r *= keep;
          g *= keep;
          b *= keep;
          a *= keep;
          continue;
        }
        const cx = (px + 0.5) / size;
        const cy = (py + 0.5) / size;
        const c = typeof layer.color === 'function' ? layer.color(cx, cy) : layer.color;
        const la = (c[3] / 255) * (covered / (n * n));
        // Source-over compositing in premultiplied form.
        r = c[0] * la + r * (1 - la);
        g = c[1] * la + g * (1 - la);
        b = c[2] * la + b * (1 - la);
        a = la + a * (1 - la);
      }
      const o = (py * size + px) * 4;
      rgba[o] = a > 0 ? r / a : 0;
      rgba[o + 1] = a > 0 ? g / a : 0;
      rgba[o + 2] = a > 0 ? b / a : 0;
      rgba[o + 3] = a * 255;
    }
  }
  return Uint8Array.from(rgba, (v) => Math.max(0, Math.min(255, Math.round(v))));
}

// ---- encoders ----

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BMP (DIB) icon image: BGRA rows bottom-up plus the 1-bit AND mask that ICO requires. */
function encodeIcoBitmap(size, pixels) {
  const header = Buffer.alloc(40);
  const maskRow = Math.ceil(size / 32) * 4;
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR image + AND mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  const xor = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const o = (row * size + x) * 4;
      xor[o] = pixels[i + 2];
      xor[o + 1] = pixels[i + 1];
      xor[o + 2] = pixels[i];
      xor[o + 3] = pixels[i + 3];
      if (pixels[i + 3] === 0) mask[row * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, xor, mask]);
}

/** An ICO holding one image per size: PNG-compressed at 256 px, BMP below (what every reader accepts). */
function encodeIco(images) {
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  const blobs = images.map(({ size, pixels }, index) => {
    const blob = size >= 256 ? encodePng(size, pixels) : encodeIcoBitmap(size, pixels);
    const e = 6 + index * 16;
    dir[e] = size >= 256 ? 0 : size;
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4);
    dir.writeUInt16LE(32, e + 6);
    dir.writeUInt32LE(blob.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += blob.length;
    return blob;
  });
  return Buffer.concat([dir, ...blobs]);
}

// ---- outputs ----

const samplesFor = (size) => (size >= 256 ? 3 : size >= 64 ? 4 : 8);
const draw = (size, layers) => render(size, layers, samplesFor(size));

function write(rel, data) {
  const file = path.join(ASSETS, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  console.log(`wrote assets/${rel} (${data.length} bytes)`);
}

const app = appIconLayers();
write('icon.png', encodePng(1024, draw(1024, app)));
write('icon-512.png', encodePng(512, draw(512, app)));
write('icon.ico', encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, pixels: draw(size, app) }))));

const BLACK = [0, 0, 0, 255];
const GREY = [139, 149, 165, 255];
const TEAL = [20, 184, 166, 255];
const GREEN = [34, 197, 94, 255];
for (const serving of [false, true]) {
  const state = serving ? 'Serving' : 'Idle';
  const template = trayLayers(serving, BLACK, BLACK);
  write(`tray/tray${state}Template.png`, encodePng(16, draw(16, template)));
  write(`tray/tray${state}Template@2x.png`, encodePng(32, draw(32, template)));
  const colored = trayLayers(serving, serving ? TEAL : GREY, GREEN);
  const kebab = `tray-${state.toLowerCase()}`;
  write(`tray/${kebab}.png`, encodePng(32, draw(32, colored)));
  write(`tray/${kebab}.ico`, encodeIco([16, 20, 24, 32, 40, 48, 64].map((size) => ({ size, pixels: draw(size, colored) }))));
}
