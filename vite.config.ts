/**
 * One config builds all three bundles: the React renderer (dist/), and with
 * vite-plugin-electron the main process (dist-electron/main.js, ESM) and the sandboxed
 * preload (dist-electron/preload.cjs, CommonJS with everything but `electron` bundled in).
 */
import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import electron from 'vite-plugin-electron';
import { CONTENT_SECURITY_POLICY } from './electron/security/csp';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const nodeExternals = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const mainExternals = [...nodeExternals, ...Object.keys(pkg.dependencies).map((d) => new RegExp(`^${d}(/.*)?$`))];

/** Writes the same CSP the main process sends into index.html, so a plain browser (preview, e2e) enforces it too. */
const cspMeta = (): Plugin => ({
  name: 'csp-meta',
  transformIndexHtml: {
    order: 'post',
    handler: (html, ctx) =>
      ctx.server ? html : html.replace('<!--CSP-->', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  },
});

/**
 * A sandboxed preload must be CommonJS, whatever package.json's "type" says. vite-plugin-electron
 * picks 'es' for a "type": "module" package and config merging appends rather than replaces
 * formats, so set the formats after the merge (checked by test/e2e/electron-bundles.e2e.ts).
 */
const preloadIsCommonJs = (): Plugin => ({
  name: 'preload-is-commonjs',
  config(config) {
    if (config.build?.lib) config.build.lib.formats = ['cjs'];
  },
});

export default defineConfig(({ command }) => ({
  base: './',
  plugins: [
    react(),
    cspMeta(),
    // Only the build (and `vite` dev for Electron) needs the main/preload bundles; vitest does not.
    ...(process.env.VITEST
      ? []
      : electron([
          {
            entry: 'electron/main.ts',
            onstart: command === 'serve' ? (args) => void args.startup() : undefined,
            vite: {
              build: {
                outDir: 'dist-electron',
                emptyOutDir: false,
                sourcemap: false,
                minify: false,
                rollupOptions: { external: mainExternals, output: { format: 'es', entryFileNames: 'main.js' } },
              },
            },
          },
          {
            // The credential_process helper under plain Node (dev, preview, tests); the packaged
            // app runs the same code as `<app> --credential-process` from main.js.
            entry: 'electron/cli-access/helper-main.ts',
            vite: {
              build: {
                outDir: 'dist-electron',
                emptyOutDir: false,
                sourcemap: false,
                minify: false,
                rollupOptions: { external: mainExternals, output: { format: 'es', entryFileNames: 'credential-process.js' } },
              },
            },
          },
          {
            entry: 'electron/preload.ts',
            onstart: command === 'serve' ? (args) => args.reload() : undefined,
            vite: {
              plugins: [preloadIsCommonJs()],
              build: {
                lib: { entry: 'electron/preload.ts', fileName: () => 'preload.cjs' },
                outDir: 'dist-electron',
                emptyOutDir: false,
                sourcemap: false,
                minify: true,
                rollupOptions: {
                  external: ['electron'],
                  output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
                },
              },
            },
          },
        ])),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
}));
