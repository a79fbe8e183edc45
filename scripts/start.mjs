#!/usr/bin/env node
// `npm start`: build, then open the desktop app in Electron. Electron's binary is fetched on the
// first start (the electron package downloads it lazily). Where it cannot be fetched (offline
// build machines) we say so and open the same UI in Chromium instead (`npm run preview`).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

if (run('npx', ['vite', 'build', '--logLevel', 'warn']).status !== 0) process.exit(1);

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const hasBinary = () => {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
};

if (!hasBinary() && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
  console.error('Fetching Electron (first start only)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 300_000 });
}

if (hasBinary()) {
  const child = spawn(process.execPath, [join(electronDir, 'cli.js'), '.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error('Electron could not be fetched on this machine. Opening the same app in Chromium (npm run preview).');
  const child = spawn('npm', ['run', 'preview', '--', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, IOA_ALREADY_BUILT: '1' } });
  child.on('exit', (code) => process.exit(code ?? 0));
}
