// Draws the panel's app icons (public/icons): a saffron tile with three rising white bars, the
// shop's sales going up. Run once with `node scripts/make-icons.mjs`; the PNGs are committed.
// Plain zlib and a CRC, so no image library joins the dependencies for four files.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SAFFRON = [180, 83, 9];
const WHITE = [255, 255, 255];
/** Bars in a 512 grid: x, top, width; all stand on y = 408. */
const BARS = [[120, 288, 72], [220, 216, 72], [320, 136, 72]];

function pixel(x, y, { rounded, scale }) {
  // Maskable icons are cropped to a circle by the launcher: shrink the bars into its safe zone.
  const u = 256 + (x - 256) / scale;
  const v = 256 + (y - 256) / scale;
  if (rounded && outsideRoundedTile(x, y)) return null;
  return BARS.some(([left, top, width]) => u >= left && u < left + width && v >= top && v < 408) ? WHITE : SAFFRON;
}

function outsideRoundedTile(x, y, r = 96) {
  const cx = x < r ? r : x > 512 - r ? 512 - r : x;
  const cy = y < r ? r : y > 512 - r ? 512 - r : y;
  return (x - cx) ** 2 + (y - cy) ** 2 > r * r;
}

function png(size, options) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const colour = pixel(((x + 0.5) * 512) / size, ((y + 0.5) * 512) / size, options);
      if (colour) row.set([...colour, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

const out = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), png(192, { rounded: true, scale: 1 }));
writeFileSync(new URL('icon-512.png', out), png(512, { rounded: true, scale: 1 }));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, { rounded: false, scale: 0.75 }));
