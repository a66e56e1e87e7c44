import * as assert from 'node:assert/strict';
import { buildStudioHtml, contentSecurityPolicy, createNonce, escapeHtml } from '../../../src/studio/studioHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utdmx1ZQ==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/studio.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/studio.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/codicons/codicon.css',
};

function cspOf(html: string): Map<string, string[]> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page declares a Content-Security-Policy');
  const directives = new Map<string, string[]>();
  for (const part of match[1]!.replace(/&#39;/g, "'").split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

describe('Studio HTML', () => {
  it('declares a strict CSP: nothing by default, own resources only, scripts only with the nonce', () => {
    const csp = cspOf(buildStudioHtml(options));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('img-src'), [options.cspSource]);
    assert.deepEqual(csp.get('style-src'), [options.cspSource]);
    assert.deepEqual(csp.get('font-src'), [options.cspSource]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${options.nonce}'`]);
    const all = [...csp.values()].flat().join(' ');
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", 'data:', 'http:', 'https:', '*']) {
      assert.ok(!all.split(' ').includes(loose), `CSP must not allow ${loose}`);
    }
  });

  it('puts the nonce on every script and loads no inline script', () => {
    const html = buildStudioHtml(options);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 1);
    for (const [, attributes, body] of scripts) {
      assert.match(attributes!, new RegExp(`nonce="${options.nonce}"`));
      assert.equal(body!.trim(), '', 'no inline script body');
    }
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.ok(!/\sstyle=/i.test(html), 'no inline styles (the CSP would block them)');
  });

  it('loads only the assets it was given (asWebviewUri), nothing remote', () => {
    const html = buildStudioHtml(options);
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(urls.sort(), [options.codiconsUri, options.scriptUri, options.styleUri].sort());
  });

  it('makes a fresh random nonce per call', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.ok(Buffer.from(nonce, 'base64').length >= 16, 'at least 128 bits');
    const a = buildStudioHtml({ ...options, nonce: createNonce() });
    const b = buildStudioHtml({ ...options, nonce: createNonce() });
    assert.notEqual(cspOf(a).get('script-src')![0], cspOf(b).get('script-src')![0]);
  });

  it('escapes what it inserts', () => {
    assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
    const html = buildStudioHtml({ ...options, scriptUri: 'https://x/"><script>alert(1)</script>', nonce: '"><b>' });
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('src="https://x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
    assert.ok(!html.includes('"><b>'));
  });

  it('labels every form control for screen readers', () => {
    const html = buildStudioHtml(options);
    for (const id of ['model-picker', 'prompt', 'variants']) {
      assert.match(html, new RegExp(`<label for="${id}">`), `label for #${id}`);
      assert.match(html, new RegExp(`id="${id}"`));
    }
    assert.match(html, /aria-live="polite"/);
  });

  it('leaves the presets and the model inputs to the model’s form (hidden until it arrives)', () => {
    const html = buildStudioHtml(options);
    assert.match(html, /<fieldset class="presets" id="presets" hidden>/);
    assert.match(html, /<div class="fields" id="fields" role="group" aria-label="Model inputs"><\/div>/);
    assert.doesNotMatch(html, /id="width"/, 'no Klein-only fields in the shell');
  });

  it('puts the translations on the page only when VS Code has some, escaped so they cannot end the attribute', () => {
    assert.doesNotMatch(buildStudioHtml(options), /data-l10n-bundle/, 'English: no bundle');
    const html = buildStudioHtml({ ...options, l10nBundle: JSON.stringify({ Generate: 'Générer "<b>"' }) });
    assert.match(html, /<body data-l10n-bundle="\{&quot;Generate&quot;:&quot;Générer \\&quot;&lt;b&gt;\\&quot;&quot;\}">/);
  });

  it('builds the policy string on its own too', () => {
    assert.equal(
      contentSecurityPolicy('vscode-resource:', 'n'),
      "default-src 'none'; img-src vscode-resource:; style-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-n'; base-uri 'none'; form-action 'none'",
    );
  });
});
