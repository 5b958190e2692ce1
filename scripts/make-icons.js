#!/usr/bin/env node
// Draws the Teams app icons into manifest/ so they can be rebuilt from source rather than kept
// as opaque binaries: `node scripts/make-icons.js`. Same input, same bytes.
//
// Teams asks for a 192×192 full-colour icon (the symbol inside a ~120 px safe area on a solid
// background that matches manifest.accentColor) and a 32×32 outline icon that is white on a
// fully transparent background. The symbol is three ascending rounded bars: three rocks, growing.
'use strict';

const { Buffer } = require('node:buffer');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** Must equal manifest.json's accentColor: Teams shows it behind the colour icon. */
const ACCENT = { r: 0x2e, g: 0x7d, b: 0x5b };
const SUPERSAMPLE = 4;

/** The symbol in a unit square: [x, y, width, height] of each bar, y down. */
const BARS = [
  [0.1, 0.55, 0.22, 0.35],
  [0.39, 0.35, 0.22, 0.55],
  [0.68, 0.1, 0.22, 0.8],
];
const CORNER = 0.06;

function insideRoundedRect(x, y, [bx, by, bw, bh], r) {
  if (x < bx || x > bx + bw || y < by || y > by + bh) return false;
  const cx = Math.min(Math.max(x, bx + r), bx + bw - r);
  const cy = Math.min(Math.max(y, by + r), by + bh - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Fraction (0..1) of the pixel at (px, py) covered by the symbol drawn in box [ox, oy, size]. */
function coverage(px, py, [ox, oy, size]) {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const x = (px + (sx + 0.5) / SUPERSAMPLE - ox) / size;
      const y = (py + (sy + 0.5) / SUPERSAMPLE - oy) / size;
      if (BARS.some((bar) => insideRoundedRect(x, y, bar, CORNER))) hits++;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

/** Renders an RGBA image; `shade(coverage)` returns [r, g, b, a]. */
function render(width, box, shade) {
  const rgba = Buffer.alloc(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      rgba.set(shade(coverage(x, y, box)), (y * width + x) * 4);
    }
  }
  return rgba;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels as a PNG (colour type 6, no interlace, filter 0 on every row). */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function makeIcons(outDir) {
  const mix = (a, b, t) => Math.round(a + (b - a) * t);
  // Colour: symbol in the central 112 px, inside Teams' safe area.
  const color = render(192, [40, 40, 112], (c) => [mix(ACCENT.r, 255, c), mix(ACCENT.g, 255, c), mix(ACCENT.b, 255, c), 255]);
  // Outline: white only; anti-aliasing goes into alpha so no grey pixel appears.
  const outline = render(32, [4, 4, 24], (c) => [255, 255, 255, Math.round(255 * c)]);
  fs.writeFileSync(path.join(outDir, 'color.png'), encodePng(192, 192, color));
  fs.writeFileSync(path.join(outDir, 'outline.png'), encodePng(32, 32, outline));
}

module.exports = { makeIcons, encodePng, ACCENT };

if (require.main === module) {
  const outDir = path.join(__dirname, '..', 'manifest');
  makeIcons(outDir);
  console.log(`wrote ${path.join(outDir, 'color.png')} and outline.png`);
}
