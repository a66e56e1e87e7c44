// Bundles the extension (Node extension host, `vscode` external) and, when present, the CLI and the
// webview scripts. Type-checking is `tsc --noEmit` (npm run check-types); esbuild only strips types.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints esbuild's errors in the `file:line:col` form VS Code's problem matchers understand. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemReporter],
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
];
if (existsSync('src/cli/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // jsonc-parser's UMD `main` loads its parts with a dynamic require that esbuild cannot follow.
    mainFields: ['module', 'main'],
  });
}
if (existsSync('src/webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/studio.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] build started');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
