import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Packs the app the way the installers do: electron-builder with the project's electron-builder.yml
 * (its `files` rules and its collection of production node_modules), for a "dir" target, and returns
 * the path of app.asar. Without an Electron binary it is given a stand-in Electron folder; the fuses
 * are then skipped (the stand-in has no fuse wire to flip; dependencies.test.ts checks the fuse
 * settings). Nothing native is rebuilt (there is nothing native).
 */
export function packAppAsar(electronDist?: string): string {
  const work = mkdtempSync(join(tmpdir(), 'packaged-'));
  let dist = electronDist;
  if (!dist) {
    dist = join(work, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    mkdirSync(join(dist, 'locales'));
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dist, 'electron'), 0o755);
  }
  const out = join(work, 'release');
  const script = join(work, 'pack.mjs');
  writeFileSync(
    script,
    `import { build, Platform } from ${JSON.stringify(join(root, 'node_modules/electron-builder/out/index.js'))};
     import yaml from ${JSON.stringify(join(root, 'node_modules/js-yaml/index.js'))};
     import { readFileSync } from 'node:fs';
     const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'));
     Object.assign(config, { electronDist: ${JSON.stringify(dist)}, electronVersion: '45.4.1', npmRebuild: false });
     ${electronDist ? '' : 'config.electronFuses = null;'}
     config.directories = { ...config.directories, output: ${JSON.stringify(out)} };
     await build({ targets: Platform.LINUX.createTarget('dir'), config, publish: 'never' });`,
  );
  execFileSync(process.execPath, [script], { cwd: root, stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  return join(out, 'linux-unpacked/resources/app.asar');
}
