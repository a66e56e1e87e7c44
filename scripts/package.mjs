// Builds the production bundle and packs the .vsix, then prints its size.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8')));
const out = `${pkg.name}-${pkg.version}.vsix`;
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--skip-license', '-o', out], { stdio: 'inherit' });
const kib = (statSync(out).size / 1024).toFixed(1);
console.log(`${out}: ${kib} KiB`);
