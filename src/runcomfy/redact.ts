/**
 * Removes secrets from text: log lines, and every error message and failure reason the client builds, so
 * a token echoed by a proxy or the service never reaches a notification, the jobs list or saved job
 * records. Known secrets (the current token) are replaced wherever they appear, also in their URL-encoded
 * and JSON-escaped forms; bearer credentials are masked even when the secret is not known.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const raw of secrets) {
    // Trimmed as everywhere the token is sent: `RUNCOMFY_API_TOKEN=abc\r` sends (and leaks) `abc`.
    const secret = raw?.trim();
    if (!secret || secret.length < 4) continue;
    const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
    // Longest first, so a form that contains another is replaced whole.
    for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('«token»');
  }
  // Whatever follows "Bearer" up to the next space is a credential, whichever characters it uses.
  return out.replace(/(bearer\s+)(?!«token»)\S+/gi, '$1«token»');
}
