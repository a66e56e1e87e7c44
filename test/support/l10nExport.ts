/**
 * The messages `npm run l10n` (`@vscode/l10n-dev export`) writes to l10n/bundle.l10n.json, computed with
 * the same library in memory. The analyser compiles its query once per import of `vscode` or
 * `@vscode/l10n` in each file it is given, which makes one call per file take half a second; so the files
 * are given as one: each distinct such import once, then every file's code without its imports. The
 * messages found are the same, in seconds instead of half a minute.
 */
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';
import * as ts from 'typescript';

const L10N_MODULES = new Set(['vscode', '@vscode/l10n']);

export function exportedMessages(sources: readonly string[]): Promise<l10nJsonFormat> {
  const imports = new Set<string>();
  const bodies: string[] = [];
  // The analyser skips a file without both words; so does this.
  for (const text of sources.filter((s) => s.includes('l10n') && s.includes('vscode'))) {
    const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    let body = '';
    let from = 0;
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const module = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (L10N_MODULES.has(module)) imports.add(text.slice(statement.getStart(source), statement.end));
      body += text.slice(from, statement.getStart(source));
      from = statement.end;
    }
    bodies.push(body + text.slice(from));
  }
  return getL10nJson([{ contents: [...imports, ...bodies].join('\n'), extension: '.ts' }]);
}
