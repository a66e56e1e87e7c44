import * as assert from 'node:assert/strict';
import { COMMANDS } from '../../src/core/commandIds';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../src/core/settings';
import { manifest } from '../support/localizedManifest';

const declaredCommands = new Set<string>((manifest.contributes.commands ?? []).map((c: { command: string }) => c.command));

describe('package.json', () => {
  it('keeps the API base URL out of reach of workspace settings', () => {
    const baseUrl = manifest.contributes.configuration.properties['runcomfy.baseUrl'];
    assert.equal(baseUrl.scope, 'application');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('runcomfy.baseUrl'));
    assert.equal(manifest.capabilities.virtualWorkspaces, false);
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });

  it('keeps settings that change what a generation costs out of reach of untrusted workspaces', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    const spending = ['model', 'extraInputs', 'steps', 'maxConcurrentJobs', 'confirmPrompt', 'maxDownloadMegabytes', 'jobTimeoutMinutes'];
    assert.deepEqual(spending.filter((key) => !restricted.includes(`runcomfy.${key}`)), []);
    for (const key of restricted) assert.ok(manifest.contributes.configuration.properties[key], `${key} is a contributed setting`);
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /model/);
  });

  // Whether each declared command has a handler needs a running VS Code: test/integration/contributions.test.ts.
  it('names only declared commands in menus, keybindings and activation events', () => {
    const menus: Record<string, { command?: string; submenu?: string }[]> = manifest.contributes.menus ?? {};
    const referenced = [
      ...Object.entries(menus).flatMap(([menu, items]) =>
        items.filter((item) => item.command).map((item) => ({ where: `menus.${menu}`, command: item.command! })),
      ),
      ...(manifest.contributes.keybindings ?? []).map((k: { command: string }) => ({ where: 'keybindings', command: k.command })),
      ...(manifest.activationEvents ?? [])
        .filter((event: string) => event.startsWith('onCommand:'))
        .map((event: string) => ({ where: 'activationEvents', command: event.slice('onCommand:'.length) })),
    ];
    const undeclared = referenced.filter(({ command }) => !declaredCommands.has(command.replace(/^-/, '')));
    assert.deepEqual(undeclared, []);
  });

  it('declares exactly the commands the code defines, each with a title in the RunComfy category', () => {
    assert.deepEqual([...declaredCommands].sort(), Object.values(COMMANDS).sort());
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'RunComfy', command.command);
      assert.ok(command.title.length > 0);
    }
  });

  it('contributes every setting the code reads, with the same default', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const key of SETTING_KEYS) {
      const contributed = properties[`runcomfy.${key}`];
      assert.ok(contributed, `runcomfy.${key} is contributed`);
      assert.deepEqual(contributed.default, DEFAULT_SETTINGS[key], `runcomfy.${key} default`);
    }
    assert.deepEqual(Object.keys(properties).sort(), SETTING_KEYS.map((k) => `runcomfy.${k}`).sort());
  });

  it('declares the language model tool with an input schema matching the tool', () => {
    const [tool] = manifest.contributes.languageModelTools;
    assert.equal(tool.name, 'runcomfy_generateImage');
    assert.equal(tool.canBeReferencedInPrompt, true);
    assert.deepEqual(Object.keys(tool.inputSchema.properties).sort(), ['height', 'path', 'prompt', 'referenceImages', 'steps', 'width']);
    assert.deepEqual(tool.inputSchema.required, ['prompt']);
  });
});
