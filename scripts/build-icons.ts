#!/usr/bin/env -S node --import tsx
// Builds every app icon from assets/icon.svg, reproducibly (same bytes on every run):
//   assets/icons/<N>x<N>.png  Linux (electron-builder's icon folder) and the window icon
//   assets/icon.png           1024 px, electron-builder's default source
//   assets/icon.ico           Windows: PNG-compressed entries 16–256 (Vista+ ICO)
//   assets/icon.icns          macOS: PNG-compressed entries ic07–ic10 (+ retina variants)
// `node --import tsx scripts/build-icons.ts --out DIR` writes into DIR instead (the test compares the two).
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex >= 0 ? process.argv[outIndex + 1]! : join(root, 'assets');
const svg = readFileSync(join(root, 'assets/icon.svg'), 'utf8');

const render = (size: number): Uint8Array => new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();

const LINUX = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO = [16, 24, 32, 48, 64, 128, 256];
// ICNS types holding PNG data: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x), ic11 32 (16@2x), ic12 64 (32@2x), ic13 256 (128@2x), ic14 512 (256@2x).
const ICNS: Array<[string, number]> = [['icp4', 16], ['icp5', 32], ['ic11', 32], ['ic12', 64], ['ic07', 128], ['ic13', 256], ['ic08', 256], ['ic14', 512], ['ic09', 512], ['ic10', 1024]];

const png = new Map<number, Buffer>();
const at = (size: number): Buffer => {
  if (!png.has(size)) png.set(size, Buffer.from(render(size)));
  return png.get(size)!;
};

mkdirSync(join(out, 'icons'), { recursive: true });
for (const size of LINUX) writeFileSync(join(out, 'icons', `${size}x${size}.png`), at(size));
writeFileSync(join(out, 'icon.png'), at(1024));
writeFileSync(join(out, 'icon.ico'), ico(ICO.map((s): [number, Buffer] => [s, at(s)])));
writeFileSync(join(out, 'icon.icns'), icns(ICNS.map(([type, s]): [string, Buffer] => [type, at(s)])));
console.error(`icons written to ${out}`);

/** ICONDIR + ICONDIRENTRY per image, then the PNGs (a 256 px size is written as 0). */
function ico(images: Array<[number, Buffer]>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, data], i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2);
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map(([, d]) => d)]);
}

/** 'icns' + total length, then per entry: 4-char type, length (including its 8-byte header), PNG. */
function icns(entries: Array<[string, Buffer]>): Buffer {
  const parts = entries.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}
