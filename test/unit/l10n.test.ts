import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportedMessages } from '../support/l10nExport';
import { MANIFEST_KEY, manifestStrings, rawManifest } from '../support/localizedManifest';
import { findUnlocalizedStrings, type UnlocalizedString } from '../support/unlocalizedStrings';

const root = path.join(__dirname, '../../..');
const src = path.join(root, 'src');

/** Repository-relative paths of the TypeScript files under src/ (what `npm run l10n` reads). */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  return walk(src)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .sort();
}

/** Every string in the manifest that is wholly a `%key%` reference, with where it is. */
function manifestKeys(value: unknown, at = ''): { key: string; at: string }[] {
  if (typeof value === 'string') {
    const key = MANIFEST_KEY.exec(value)?.[1];
    return key === undefined ? [] : [{ key, at }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => manifestKeys(item, `${at}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => manifestKeys(v, at ? `${at}.${k}` : k));
  return [];
}

const RUN_EXPORT = 'Run `npm run l10n` to regenerate l10n/bundle.l10n.json, and commit it.';

describe('localisation (package.nls.json, l10n/bundle.l10n.json)', () => {
  it('gives every %key% in package.json an entry in package.nls.json, and has no entry nothing uses', () => {
    const used = manifestKeys(rawManifest);
    const missing = used.filter(({ key }) => manifestStrings[key] === undefined).map(({ key, at }) => `${key} (${at})`);
    assert.deepEqual(missing, [], 'package.json names keys package.nls.json does not have');
    const usedKeys = new Set(used.map(({ key }) => key));
    assert.deepEqual(Object.keys(manifestStrings).filter((key) => !usedKeys.has(key)), [], 'package.nls.json has keys package.json does not use');
  });

  it('leaves no user-visible text of the manifest literal, except what the model reads', () => {
    const shown = (o: Record<string, unknown> | undefined, fields: string[], at: string) =>
      fields.filter((f) => typeof o?.[f] === 'string' && !MANIFEST_KEY.test(o[f] as string)).map((f) => `${at}.${f}`);
    const c = rawManifest.contributes;
    const literal = [
      ...shown(rawManifest, ['displayName', 'description'], ''),
      ...shown(rawManifest.capabilities.untrustedWorkspaces, ['description'], 'capabilities.untrustedWorkspaces'),
      ...shown(c.configuration, ['title'], 'configuration'),
      ...Object.entries(c.configuration.properties as Record<string, Record<string, unknown>>).flatMap(([key, p]) => [
        ...shown(p, ['description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage'], key),
        ...((p.enumDescriptions as string[] | undefined) ?? []).filter((d) => !MANIFEST_KEY.test(d)).map(() => `${key}.enumDescriptions`),
      ]),
      ...c.commands.flatMap((command: Record<string, unknown>) => shown(command, ['title', 'shortTitle', 'category'], command.command as string)),
      // modelDescription and the input descriptions are instructions to the language model: they stay English.
      ...c.languageModelTools.flatMap((tool: Record<string, unknown>) => shown(tool, ['displayName', 'userDescription'], tool.name as string)),
      ...c.walkthroughs.flatMap((w: { id: string; steps: Record<string, unknown>[] }) => [
        ...shown(w as unknown as Record<string, unknown>, ['title', 'description'], w.id),
        ...w.steps.flatMap((step) => [...shown(step, ['title', 'description'], `${w.id}.${step.id}`), ...shown(step.media as Record<string, unknown>, ['altText'], `${w.id}.${step.id}.media`)]),
      ]),
    ];
    assert.deepEqual(literal, [], 'manifest texts written in package.json instead of package.nls.json');
  });

  it('has every l10n.t message of src/ in the checked-in l10n/bundle.l10n.json, and nothing stale', async function () {
    this.timeout(60_000);
    const exported = await exportedMessages(sourceFiles().map((file) => readFileSync(path.join(root, file), 'utf8')));
    const bundle: Record<string, unknown> = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.json'), 'utf8'));
    assert.ok(Object.keys(exported).length > 100, 'the export finds the messages (is @vscode/l10n-dev reading the sources?)');
    assert.deepEqual(Object.keys(exported).filter((key) => !(key in bundle)), [], `messages missing from l10n/bundle.l10n.json. ${RUN_EXPORT}`);
    assert.deepEqual(Object.keys(bundle).filter((key) => !(key in exported)), [], `messages in l10n/bundle.l10n.json that no l10n.t call has. ${RUN_EXPORT}`);
  });

  it('finds no user-visible text in the extension written as a plain string instead of through l10n.t', function () {
    this.timeout(60_000);
    // The CLI prints plain English by design.
    const files = sourceFiles().filter((file) => !file.startsWith('src/cli/'));
    const found = files.flatMap((file) => findUnlocalizedStrings(file, readFileSync(path.join(root, file), 'utf8')));
    const where = (u: UnlocalizedString) => `${u.file}:${u.line} ${u.use}: ${JSON.stringify(u.text)}`;
    assert.deepEqual(found.map(where), [], 'wrap these in vscode.l10n.t(…) (or l10n.t from @vscode/l10n in a module without vscode), then run `npm run l10n`');
  });

  describe('the plain-string finder', () => {
    const find = (code: string) => findUnlocalizedStrings('x.ts', code).map((u) => `${u.use}: ${u.text}`);

    it('flags literal messages, buttons, quick pick and input box texts, progress titles, CodeLens titles and hovers', () => {
      const code = [
        "vscode.window.showWarningMessage(`${name} already exists.`, { modal: true, detail: 'Replace it?' }, 'Replace');",
        "services.messages.show('info', 'Saved it.', 'Open');",
        "vscode.window.showQuickPick([{ label: 'Open', description: d }], { title: 'Jobs', placeHolder: ok ? 'Pick one' : 'None' });",
        "vscode.window.showInputBox({ prompt: 'Describe the image.' + hint, value: prompt });",
        "vscode.window.withProgress({ location, title: `Generating “${p}”` }, work);",
        "new vscode.CodeLens(range, { title: '$(sparkle) Generate image', command: 'runcomfy.x' });",
        "new vscode.MarkdownString('Some help');",
        "picker.placeholder = 'Type to search';",
        "statusBarItem.text = '$(sparkle) Studio';",
        "return { invocationMessage: `Editing ${file}` };",
        "el('span', { text: 'File missing', attrs: { title: `Open ${name}`, role: 'note' } });",
        "textButton('check', 'Keep', keep, 'primary', `Keep ${name}`);",
        "byId('form-error').textContent = 'The form could not be shown.';",
      ].join('\n');
      assert.deepEqual(find(code), [
        'showWarningMessage message: ${…} already exists.',
        'showWarningMessage option detail: Replace it?',
        'showWarningMessage button: Replace',
        'show message: Saved it.',
        'show button: Open',
        'showQuickPick item label: Open',
        'showQuickPick title: Jobs',
        'showQuickPick placeHolder: Pick one',
        'showQuickPick placeHolder: None',
        'showInputBox prompt: Describe the image.',
        'withProgress title: Generating “${…}”',
        'CodeLens title: $(sparkle) Generate image',
        'MarkdownString: Some help',
        'placeholder =: Type to search',
        'status bar text =: $(sparkle) Studio',
        'invocationMessage: Editing ${…}',
        'el text: File missing',
        'el attrs title: Open ${…}',
        'textButton label: Keep',
        'textButton title: Keep ${…}',
        'textContent =: The form could not be shown.',
      ]);
    });

    it('passes texts that go through l10n.t, values that are not literals, and markup without words', () => {
      const code = [
        "vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists.', name), { modal: true }, REPLACE);",
        "services.messages.show('info', message, ...actions);",
        "vscode.window.showQuickPick(items, { title: l10n.t('Jobs'), placeHolder: hint });",
        "markdown.appendMarkdown('\\n\\n');",
        "markdown.appendMarkdown(`\\n\\n![${name}](${uri}|width=160)`);",
        "new vscode.CodeLens(range, { title: vscode.l10n.t('$(sparkle) Generate image'), command: 'runcomfy.x', arguments: ['a b'] });",
      ].join('\n');
      assert.deepEqual(find(code), []);
    });
  });
});
