import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// pngjs ships without type declarations; load it untyped.
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number } } } };

describe('app icons (assets/)', () => {
  it('are exactly what scripts/build-icons.ts makes from assets/icon.svg', () => {
    const out = mkdtempSync(join(tmpdir(), 'icons-'));
    execFileSync(process.execPath, ['--import', 'tsx', `${root}scripts/build-icons.ts`, '--out', out], { cwd: root, stdio: 'pipe' });
    const files = ['icon.png', 'icon.ico', 'icon.icns', ...readdirSync(join(out, 'icons')).map((f) => `icons/${f}`)];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(join(out, f)).equals(readFileSync(join(root, 'assets', f))), f).toBe(true);
  }, 60_000);

  it('cover the Linux, Windows and macOS sizes, and electron-builder and the window use them', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = PNG.sync.read(readFileSync(join(root, 'assets/icons', `${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    const ico = readFileSync(join(root, 'assets/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const icns = readFileSync(join(root, 'assets/icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toContain('icon: assets/icons');
    expect(yml).toContain('icon: assets/icon.ico');
    expect(yml).toContain('icon: assets/icon.icns');
    expect(yml).toContain('- assets/icons/512x512.png');
    expect(readFileSync(join(root, 'electron/main.ts'), 'utf8')).toContain("'../assets/icons/512x512.png'");
  });
});
