/**
 * Reference images travel inside the submit body as `data:<mime>;base64,…` URIs, as RunComfy's own ComfyUI
 * nodes send them (PROTOCOL §8): the Model API has no upload endpoint, and a local path means nothing to it.
 */

/** The data URI of `bytes` of type `mime` (e.g. `image/png`). */
export function imageDataUri(bytes: Uint8Array, mime: string): string {
  return `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

/** How many characters the data URI of `byteLength` bytes of type `mime` takes (base64 grows 4 for every 3). */
export function dataUriLength(byteLength: number, mime: string): number {
  return `data:${mime};base64,`.length + 4 * Math.ceil(byteLength / 3);
}

/** The bytes and MIME type a base64 data URI carries, or undefined when it is not one. */
export function parseDataUri(uri: string): { mime: string; bytes: Buffer } | undefined {
  const match = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(uri);
  return match ? { mime: match[1]!, bytes: Buffer.from(match[2]!, 'base64') } : undefined;
}
