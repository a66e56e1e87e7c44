// Bundles the extension (Node extension host, `vscode` external) and, when present, the CLI and the
// webview scripts. Type-checking is `tsc --noEmit` (npm run check-types); esbuild only strips types.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** Also write `<outfile>.meta.json` (esbuild's metafile: what each bundle pulls in), for the benchmark. */
const metafile = process.argv.includes('--metafile');

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
  metafile,
  logLevel: 'warning',
  plugins: [problemReporter],
};

/**
 * The extension is split so activation stays light: `dist/extension.js` (loaded at activation) requires
 * the HTTP client `dist/runcomfy-client.js` (with undici, most of the code) only when the client is first
 * built, the model runtime `dist/model-runtime.js` (catalog cache, snapshot, schema normaliser, validation,
 * request bodies) only when a model is first needed, zod only on the first settings read, and picomatch only
 * on the first `markdown.copyFiles.destination` glob match. Modules both use are files of their own, so both get
 * the same instance: the error classes stay `instanceof`-comparable across the split, zod is not
 * bundled twice, and `@vscode/l10n` (3 KB), configured with the translations at activation, is the one every
 * bundle's messages go through.
 */
const splitFiles = {
  client: { source: 'src/runcomfy/client.ts', file: './runcomfy-client.js' },
  errors: { source: 'src/runcomfy/errors.ts', file: './runcomfy-errors.js' },
  models: { source: 'src/core/models/modelRuntime.ts', file: './model-runtime.js' },
  studio: { source: 'src/studio/studioRuntime.ts', file: './studio-runtime.js' },
  zod: { package: 'zod', file: './zod.js' },
  picomatch: { package: 'picomatch', file: './picomatch.js' },
  l10n: { package: '@vscode/l10n', file: './l10n.js' },
};

/**
 * Resolves imports of the split modules to their files. In `mainBundle` it also refuses undici, and zod
 * except through a `require()` where it is used, so neither loads at activation; picomatch only ever
 * through a `require()`, so no bundle but its own carries it.
 */
function splitModules({ mainBundle }) {
  const sources = new Map(
    [splitFiles.errors, ...(mainBundle ? [splitFiles.client, splitFiles.models, splitFiles.studio] : [])].map((m) => [path.resolve(m.source).replace(/\.ts$/, ''), m.file]),
  );
  return {
    name: 'split-modules',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const file = sources.get(path.resolve(args.resolveDir, args.path).replace(/\.ts$/, ''));
        return file ? { path: file, external: true } : undefined;
      });
      build.onResolve({ filter: /^zod$/ }, (args) =>
        mainBundle && args.kind === 'import-statement'
          ? { errors: [{ text: `${args.importer} imports zod: the activation bundle may only require() it where it is used.` }] }
          : { path: splitFiles.zod.file, external: true },
      );
      build.onResolve({ filter: /^@vscode\/l10n$/ }, () => ({ path: splitFiles.l10n.file, external: true }));
      build.onResolve({ filter: /^picomatch$/ }, (args) =>
        args.kind === 'import-statement'
          ? { errors: [{ text: `${args.importer} imports picomatch: only require() it where a glob is matched.` }] }
          : { path: splitFiles.picomatch.file, external: true },
      );
      if (mainBundle) {
        build.onResolve({ filter: /^undici$/ }, (args) => ({
          errors: [{ text: `${args.importer} imports undici: only the lazily loaded client (src/runcomfy/client.ts) may.` }],
        }));
      }
    },
  };
}

/**
 * For a self-contained bundle (the CLI): settings require() zod where the client imports it, and require()
 * would pick zod's CommonJS build beside the ES one; resolve both to the same file so zod is bundled once.
 */
const zodOnce = {
  name: 'zod-once',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, (args) =>
      args.kind === 'require-call' ? build.resolve('zod', { kind: 'import-statement', resolveDir: args.resolveDir }) : undefined,
    );
  },
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
const builds = [
  {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [problemReporter, splitModules({ mainBundle: true })],
  },
  { ...node, entryPoints: [splitFiles.client.source], outfile: 'dist/runcomfy-client.js', plugins: [problemReporter, splitModules({ mainBundle: false })] },
  { ...node, entryPoints: [splitFiles.models.source], outfile: 'dist/model-runtime.js', plugins: [problemReporter, splitModules({ mainBundle: false })] },
  { ...node, entryPoints: [splitFiles.studio.source], outfile: 'dist/studio-runtime.js', plugins: [problemReporter, splitModules({ mainBundle: false })] },
  { ...node, entryPoints: [splitFiles.errors.source], outfile: 'dist/runcomfy-errors.js' },
  { ...node, stdin: { contents: "export * from 'zod';", resolveDir: '.', sourcefile: 'zod.js' }, outfile: 'dist/zod.js' },
  { ...node, stdin: { contents: "module.exports = require('picomatch');", resolveDir: '.', sourcefile: 'picomatch.js' }, outfile: 'dist/picomatch.js' },
  { ...node, stdin: { contents: "module.exports = require('@vscode/l10n');", resolveDir: '.', sourcefile: 'l10n.js' }, outfile: 'dist/l10n.js' },
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
    plugins: [problemReporter, zodOnce],
    // jsonc-parser's UMD `main` loads its parts with a dynamic require that esbuild cannot follow.
    mainFields: ['module', 'main'],
  });
}
if (existsSync('src/webview/main.ts')) {
  // The Studio uses VS Code's own icon font; the webview may load it only from media/ (CSP font-src).
  mkdirSync('media/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);
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
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  if (metafile) builds.forEach((b, i) => writeFileSync(`${b.outfile}.meta.json`, JSON.stringify(results[i].metafile)));
}
