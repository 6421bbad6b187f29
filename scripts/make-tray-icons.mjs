// Draws the tray icons into build/tray/: the Kith mark (three linked people) and its unread variant (a red
// badge), as plain PNGs written with zlib, so no image library is needed. Run it again after changing a shape:
//   node scripts/make-tray-icons.mjs
// Windows gets 16 px (+ @2x), Linux 32 px (+ @2x; its panels scale the icon to 22–24 px), macOS a black
// template image that the menu bar recolours for light and dark (the "Template" suffix marks it as one).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'tray');
/** Samples per pixel along each axis: edges come out anti-aliased. */
const SUPERSAMPLE = 8;

const INDIGO = [66, 99, 235, 255]; // Mantine indigo-7, the app's primary colour
const WHITE = [255, 255, 255, 255];
const BLACK = [0, 0, 0, 255];
const RED = [240, 62, 62, 255]; // Mantine red-7
const CLEAR = [0, 0, 0, 0];

/** Shapes in a unit square: each answers whether a point is inside. */
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const segment = (ax, ay, bx, by, halfWidth) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= halfWidth * halfWidth;
};

/** Three dots, each linked to the other two: the people one knows. */
function linkedDots(nodes, nodeRadius, linkHalfWidth) {
  const shapes = nodes.map(([x, y]) => disc(x, y, nodeRadius));
  for (let i = 0; i < nodes.length; i++) {
    const [ax, ay] = nodes[i];
    const [bx, by] = nodes[(i + 1) % nodes.length];
    shapes.push(segment(ax, ay, bx, by, linkHalfWidth));
  }
  return (x, y) => shapes.some((inside) => inside(x, y));
}

/** Layers painted in order; a CLEAR layer cuts a transparent gap into what is below. */
const STYLES = {
  colour: {
    base: [
      [disc(0.5, 0.5, 0.48), INDIGO],
      [
        linkedDots(
          [
            [0.5, 0.27],
            [0.29, 0.64],
            [0.71, 0.64],
          ],
          0.12,
          0.045,
        ),
        WHITE,
      ],
    ],
    badge: [
      [disc(0.8, 0.2, 0.29), CLEAR],
      [disc(0.8, 0.2, 0.2), RED],
    ],
  },
  template: {
    base: [
      [
        linkedDots(
          [
            [0.42, 0.2],
            [0.16, 0.78],
            [0.68, 0.78],
          ],
          0.15,
          0.06,
        ),
        BLACK,
      ],
    ],
    badge: [
      [disc(0.82, 0.19, 0.27), CLEAR],
      [disc(0.82, 0.19, 0.17), BLACK],
    ],
  },
};

/** RGBA pixels of `layers` at size×size, averaged over the samples of each pixel (premultiplied). */
function render(layers, size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          let colour = CLEAR;
          for (const [inside, fill] of layers) if (inside(x, y)) colour = fill;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const offset = (py * size + px) * 4;
      pixels[offset] = a ? Math.round(r / a) : 0;
      pixels[offset + 1] = a ? Math.round(g / a) : 0;
      pixels[offset + 2] = a ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round((a / samples) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit RGBA PNG, no interlacing, every row with filter 0. */
function encodePng(pixels, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** File names match src-main/core/desktop/tray-icon-file.ts; each base size gets an @2x sibling. */
const ICONS = [
  { style: 'colour', size: 16, name: (variant) => `kith-${variant}-16` },
  { style: 'colour', size: 32, name: (variant) => `kith-${variant}-32` },
  { style: 'template', size: 16, name: (variant) => `kith-${variant}Template` },
];

mkdirSync(outDir, { recursive: true });
for (const { style, size, name } of ICONS) {
  for (const variant of ['default', 'unread']) {
    const { base, badge } = STYLES[style];
    const layers = variant === 'unread' ? [...base, ...badge] : base;
    for (const [scale, suffix] of [
      [1, ''],
      [2, '@2x'],
    ]) {
      const file = join(outDir, `${name(variant)}${suffix}.png`);
      writeFileSync(file, encodePng(render(layers, size * scale), size * scale));
      console.log(`wrote ${file}`);
    }
  }
}
