import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { keyRow, repeat, row } from './support/repeat';
import { show } from './support/stats';

const root = fileURLToPath(new URL('../', import.meta.url));
const BUDGET_KB = 200;

export const measures = {
  /** The renderer's initial JS (what index.html loads) and all JS, gzip-compressed, of the build in dist/. */
  async size() {
    const html = readFileSync(`${root}dist/index.html`, 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const all = readdirSync(`${root}dist/assets`).filter((f) => f.endsWith('.js'));
    const gz = (f: string) => gzipSync(readFileSync(`${root}dist/${f}`)).length / 1024;
    return { initialKb: initial.reduce((s, f) => s + gz(f), 0), totalKb: all.reduce((s, f) => s + gz(`assets/${f}`), 0), files: all.length };
  },
};

export async function report(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const r = await repeat('renderer-size.bench.ts', 'size');
  console.log('Renderer bundle (one build; sizes are the same every run):');
  console.log('\n| measure | median (min–max) |\n|---|---|');
  keyRow(`renderer initial JS, gzip (KB; budget ${BUDGET_KB})`, show(r.initialKb!, 1));
  row('all JS, gzip (KB), incl. lazy chunks', show(r.totalKb!, 1));
}
