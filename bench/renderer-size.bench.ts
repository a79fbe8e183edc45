import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../', import.meta.url));
const BUDGET_KB = 200;

/** The renderer's initial JS (what index.html loads), gzip-compressed, against the 200 KB budget. */
export async function run(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const html = readFileSync(`${root}dist/index.html`, 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const all = readdirSync(`${root}dist/assets`).filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(`${root}dist/${f}`)).length / 1024;
  const initialKb = initial.reduce((s, f) => s + gz(f), 0);
  console.log(`renderer initial JS: ${initialKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB) — ${initialKb <= BUDGET_KB ? 'within' : 'OVER'} budget`);
  console.log(`renderer JS files: ${all.length}, total ${all.reduce((s, f) => s + gz(`assets/${f}`), 0).toFixed(1)} KB gzip`);
}
