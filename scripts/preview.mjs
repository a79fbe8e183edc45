#!/usr/bin/env node
// `npm run preview`: build the renderer and open it in Chromium with the real handlers.
import { spawnSync } from 'node:child_process';

// `npm start` has just built when it falls back to the preview.
if (process.env.IOA_ALREADY_BUILT !== '1' && spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/browser-shell/preview.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
