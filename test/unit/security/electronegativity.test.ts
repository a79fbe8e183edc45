import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: string; value: number };
  confidence: { name: string };
}

/**
 * Runs Doyensec's Electronegativity over the main-process source. The tool normally fetches
 * translations and Electron's release list from the internet on every run; this machine (and
 * the rule of the house) allow no traffic but loopback, so its HTTP client is replaced by one
 * that fails at once — the tool then uses its bundled English text and skips the release check.
 */
async function scan(input: string): Promise<Finding[]> {
  const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [toolDir] });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: () => Promise.reject(new Error('offline')) } as never;
  const mod = require('@doyensec/electronegativity') as { default?: unknown };
  const run = (mod.default ?? mod) as (o: object, forCli: boolean) => Promise<{ issues: Finding[]; errors: unknown[] }>;
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const result = await run(
    {
      input,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: false,
      parserPlugins: ['typescript'],
      electronVersionOverride: electronVersion,
    },
    false,
  );
  expect(result.errors, 'every file parsed').toEqual([]);
  return result.issues;
}

describe('Electronegativity over electron/', () => {
  it('leaves no finding of medium or higher severity unexplained', async () => {
    const findings = await scan(join(root, 'electron'));
    const serious = findings.filter((f) => f.severity.value >= 2 /* MEDIUM */);
    expect(serious.map((f) => `${f.id} ${f.severity.name} ${f.file}:${f.location.line}`)).toEqual([]);
  }, 60_000);

  it('every accepted finding (eng-disable) is justified in the comment next to the code', () => {
    const files = ['main.ts', 'preload.ts', 'platform/electron-ports.ts', 'ipc/register-ipc.ts'];
    for (const f of files) {
      for (const line of readFileSync(join(root, 'electron', f), 'utf8').split('\n')) {
        const m = line.match(/eng-disable\s+([A-Z_ ]+?)\s*(—|--)\s*(.*)$/);
        if (line.includes('eng-disable')) {
          expect(m, `${f}: "${line.trim()}" needs "eng-disable ID — reason"`).not.toBeNull();
          expect(m![3]!.length, `${f}: reason too short`).toBeGreaterThan(20);
        }
      }
    }
  });
});
