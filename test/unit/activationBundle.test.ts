import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extensionContext, requireExtensionBundle } from '../support/loadExtensionBundle';
import { startRunComfyDouble } from '../support/runcomfyDouble';

const dist = path.resolve(__dirname, '../../../dist');
const loadedFromDist = () => Object.keys(require.cache).filter((file) => path.dirname(file) === dist).map((file) => path.basename(file));

describe('activation bundle (dist/, as esbuild.mjs builds it)', () => {
  it('activates without loading the HTTP client, undici, zod or the model runtime, which load on first use with one shared set of error classes', async () => {
    const extension = requireExtensionBundle(path.join(dist, 'extension.js'));
    const context = extensionContext();
    // Even with a token at hand, activation fetches nothing (the catalog waits for its first use).
    const userToken = process.env.RUNCOMFY_API_TOKEN;
    process.env.RUNCOMFY_API_TOKEN = 'a token activation must not use';
    let services: { catalog: { models(): Promise<{ modelId: string }[]> } };
    try {
      services = extension.activate(context) as typeof services;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      if (userToken === undefined) delete process.env.RUNCOMFY_API_TOKEN;
      else process.env.RUNCOMFY_API_TOKEN = userToken;
    }
    assert.ok(context.subscriptions.length > 10);
    // Everything else is bundled into these files, so no other file loaded means no undici and no zod.
    // l10n.js is @vscode/l10n (3 KB), shared by every bundle so the translations configured at activation apply to all.
    assert.deepEqual(loadedFromDist().sort(), ['extension.js', 'l10n.js', 'runcomfy-errors.js']);

    // Without a token the model list is the embedded snapshot: the model runtime loads, the client does not.
    const models = await services.catalog.models();
    assert.ok(models.some((model) => model.modelId === 'blackforestlabs/flux-2-klein/9b/text-to-image'));
    assert.deepEqual(loadedFromDist().sort(), ['extension.js', 'l10n.js', 'model-runtime.js', 'runcomfy-errors.js']);

    const double = await startRunComfyDouble();
    const { createRunComfyClient } = require(path.join(dist, 'runcomfy-client.js')) as typeof import('../../src/runcomfy/client');
    const errors = require(path.join(dist, 'runcomfy-errors.js')) as typeof import('../../src/runcomfy/errors');
    const client = createRunComfyClient({ baseUrl: double.baseUrl, getToken: () => 'not the token' });
    try {
      await assert.rejects(client.run('blackforestlabs/flux-2-klein/9b/text-to-image', { prompt: 'x' }), errors.RunComfyAuthError);
      assert.deepEqual(loadedFromDist().sort(), ['extension.js', 'l10n.js', 'model-runtime.js', 'runcomfy-client.js', 'runcomfy-errors.js', 'zod.js']);
    } finally {
      await client.close();
      await double.close();
      extension.deactivate?.();
    }
  });

  it('leaves picomatch out of the activation bundle: it is required from dist/picomatch.js on the first glob match', () => {
    const activationCode = readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.match(activationCode, /require\("\.\/picomatch\.js"\)/);
    // A constant of picomatch's own source: present only where picomatch is bundled.
    assert.doesNotMatch(activationCode, /POSIX_REGEX_SOURCE/);
    assert.match(readFileSync(path.join(dist, 'picomatch.js'), 'utf8'), /POSIX_REGEX_SOURCE/);
  });
});
