/**
 * The Studio's HTML shell: a strict Content-Security-Policy, the static form (so the first paint shows it
 * before any script runs), and the bundled script with a fresh nonce. Pure: every URI comes in as a string.
 */
import { randomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';

export interface StudioHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce per render ({@link createNonce}). */
  nonce: string;
  /** `asWebviewUri` of `media/studio.js`, `media/studio.css` and `media/codicons/codicon.css`. */
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  /**
   * `vscode.l10n.bundle` as JSON, when VS Code has translations for the display language: the page's
   * script configures `@vscode/l10n` with it (src/webview/l10nBundle.ts). Absent in English.
   */
  l10nBundle?: string;
}

/** 128 random bits, base64: unguessable by content that did not get it from us. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The policy: nothing by default; images, styles and fonts only from the extension's own resource roots
 * (no remote content, no `data:`), scripts only with the nonce. No `unsafe-inline`, no `unsafe-eval`.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

export function buildStudioHtml(options: StudioHtmlOptions): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(options.codiconsUri)}">
<link rel="stylesheet" href="${e(options.styleUri)}">
<title>${e(l10n.t('Image Studio'))}</title>
</head>
<body${options.l10nBundle ? ` data-l10n-bundle="${e(options.l10nBundle)}"` : ''}>
<main class="studio">
  <section class="banner" id="banner" hidden aria-live="polite"></section>
  <form id="form" class="form" novalidate aria-label="${e(l10n.t('Generate an image'))}">
    <div class="field field-model">
      <label for="model-picker">${e(l10n.t('Model'))}</label>
      <select id="model-picker" name="model" aria-describedby="model-hint"></select>
      <div class="hint" id="model-hint"></div>
    </div>
    <div class="field field-prompt">
      <label for="prompt">${e(l10n.t('Prompt'))}</label>
      <textarea id="prompt" name="prompt" rows="3" required aria-describedby="prompt-hint prompt-error"
        placeholder="${e(l10n.t('A hummingbird sipping nectar from a red flower, soft morning light'))}"></textarea>
      <div class="hint" id="prompt-hint">${e(l10n.t('Describe the image.'))} ${e(l10n.t('{0} generates.', 'KEYS')).replace('KEYS', '<kbd>Ctrl</kbd>+<kbd>Enter</kbd>')}</div>
      <div class="error" id="prompt-error" role="alert"></div>
    </div>
    <fieldset class="presets" id="presets" hidden>
      <legend>${e(l10n.t('Size preset'))}</legend>
      <div class="preset-row" id="preset-row"></div>
    </fieldset>
    <div class="fields" id="fields" role="group" aria-label="${e(l10n.t('Model inputs'))}"></div>
    <div class="row">
      <div class="field">
        <label for="variants">${e(l10n.t('Variants'))}</label>
        <select id="variants" name="variants" aria-describedby="variants-hint">
          <option value="1">1</option><option value="2">2</option><option value="3">3</option><option value="4">4</option>
        </select>
        <div class="hint" id="variants-hint">${e(l10n.t('More than one: pick which to keep.'))}</div>
      </div>
    </div>
    <div class="actions">
      <button type="submit" id="generate" class="primary"><span class="codicon codicon-sparkle" aria-hidden="true"></span> <span id="generate-label">${e(l10n.t('Generate'))}</span></button>
      <span class="model" id="model" aria-live="polite"></span>
    </div>
    <div class="error form-error" id="form-error" role="alert"></div>
  </form>
  <div class="notice" id="notice" role="status" aria-live="polite"></div>
  <div class="visually-hidden" id="announcer" role="status" aria-live="polite"></div>
  <section class="section" id="live-section" hidden aria-labelledby="live-heading">
    <h2 id="live-heading">${e(l10n.t('Running'))}</h2>
    <ul class="live" id="live"></ul>
  </section>
  <section class="section" id="staged-section" hidden aria-labelledby="staged-heading">
    <h2 id="staged-heading">${e(l10n.t('Variants: keep the ones you want'))}</h2>
    <div id="staged"></div>
  </section>
  <section class="section" aria-labelledby="history-heading">
    <div class="history-header">
      <h2 id="history-heading">${e(l10n.t('History'))} <span class="count" id="history-count"></span></h2>
      <span class="insert-target" id="insert-target"></span>
    </div>
    <p class="spending" id="spending"></p>
    <p class="empty" id="history-empty" hidden>${e(l10n.t('No images yet. Describe one above and press Generate; every image you make lands here, with buttons to open, insert or delete it.'))}</p>
    <ul class="gallery" id="gallery" aria-labelledby="history-heading"></ul>
  </section>
</main>
<script nonce="${e(options.nonce)}" src="${e(options.scriptUri)}"></script>
</body>
</html>`;
}
