/**
 * Removes secrets from text bound for a log. Known secrets (the current token) are replaced wherever they
 * appear; bearer credentials are masked even when the secret is not known (e.g. an old token in an error).
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('«token»');
  }
  return out.replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{4,}/gi, '$1«token»');
}
