import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => readFileSync(`${root}test/fixtures/lint/${name}`, 'utf8');

const RULES = ['no-restricted-imports', '@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];

/** Lints a fixture as if it lived at `filePath`, with the project's real config (no type info needed for these rules). */
async function layeringErrors(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => RULES.includes(ruleId),
  });
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => RULES.includes(m.ruleId ?? '')).map((m) => m.message);
}

describe('layering is enforced by lint (so it cannot be switched off quietly)', () => {
  it.each([
    ['renderer-imports-main.tsx.txt', 'src/features/onboarding/leak.tsx', /only through window\.api/],
    ['renderer-imports-aws-sdk.tsx.txt', 'src/features/admin/leak.tsx', /main process/],
    ['main-imports-react.ts.txt', 'electron/onboarding/leak.ts', /never imports the renderer/],
    ['main-imports-electron.ts.txt', 'electron/admin/leak.ts', /Only main\.ts/],
    ['shared-imports-node.ts.txt', 'src/shared/totp/leak.ts', /browser too/],
    ['main-imports-agpl-evaluator.ts.txt', 'electron/admin/leak.ts', /AGPL/],
    ['renderer-imports-contract-runtime.tsx.txt', 'src/features/admin/leak.tsx', /pull zod into the bundle/],
    ['renderer-store-without-lock.ts.txt', 'src/features/admin/leaky-store.ts', /defineStore/],
  ])('%s at %s is an error', async (name, path, message) => {
    const errors = await layeringErrors(fixture(name), path);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('the same imports are fine where they belong', async () => {
    expect(await layeringErrors(fixture('main-imports-electron.ts.txt'), 'electron/ipc/register-ipc.ts')).toEqual([]);
    expect(await layeringErrors(fixture('renderer-imports-aws-sdk.tsx.txt'), 'electron/admin/ok.ts')).toEqual([]);
    expect(await layeringErrors(fixture('main-imports-agpl-evaluator.ts.txt'), 'test/sandbox/ok.ts')).toEqual([]);
    expect(await layeringErrors(fixture('renderer-imports-contract-type.tsx.txt'), 'src/features/admin/ok.tsx')).toEqual([]);
    expect(await layeringErrors(fixture('renderer-store-without-lock.ts.txt'), 'src/app/define-store.ts')).toEqual([]);
  });
});
