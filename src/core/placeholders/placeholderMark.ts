/**
 * How an offline placeholder says what it is: one PNG text chunk holding the prompt and the size that was
 * asked for, written by the offline provider when it saves a placeholder (never by the drawing function, so
 * other pictures drawn with the renderer, like the test double's stand-ins for real results, stay unmarked).
 * The extension and the CLI read it to tell a stand-in from a real image without guessing.
 */
import { promises as fs } from 'node:fs';
import { IMAGE_SIZE_HEAD_BYTES } from '../images/imageSize';
import { addPngTextChunks, isPng, readPngTextChunks } from '../images/png';
import { OFFLINE_MODEL_LABEL, SOFTWARE_LABEL } from '../images/productLabels';

/** The PNG text keyword of the mark. */
export const PLACEHOLDER_KEYWORD = 'RunComfy-Placeholder';

/** What a placeholder stands in for: the real image to generate later. */
export interface PlaceholderMark {
  prompt: string;
  /** The size that was asked for (the slot's size), which the real image should match as nearly as the model allows. */
  width: number;
  height: number;
}

/** `png` with the placeholder mark added (an existing mark is replaced, not duplicated). */
export function markPlaceholder(png: Buffer, mark: PlaceholderMark): Buffer {
  const value = JSON.stringify({ version: 1, prompt: mark.prompt, width: mark.width, height: mark.height });
  return addPngTextChunks(png, { [PLACEHOLDER_KEYWORD]: value });
}

/**
 * The mark of a placeholder, from the file's first bytes (text chunks sit right after the header), or
 * undefined for anything else: other images, PNGs without the mark, a mark that does not parse. Placeholders
 * saved before the mark existed are recognised by the metadata the product wrote for them (its `Software`
 * chunk, the offline model label and the asked size), which only this product writes.
 */
export function readPlaceholderMark(bytes: Uint8Array): PlaceholderMark | undefined {
  if (!isPng(bytes)) return undefined;
  let text: Record<string, string>;
  try {
    text = readPngTextChunks(bytes);
  } catch {
    return undefined;
  }
  const marked = text[PLACEHOLDER_KEYWORD];
  if (marked !== undefined) return parseMark(marked);
  if (text['Software'] !== SOFTWARE_LABEL || text['model'] !== OFFLINE_MODEL_LABEL) return undefined;
  const size = /^(\d{1,4})x(\d{1,4})$/.exec(text['size'] ?? '');
  const prompt = text['prompt']?.trim();
  return size && prompt ? { prompt, width: Number(size[1]), height: Number(size[2]) } : undefined;
}

/** {@link readPlaceholderMark} of a file; undefined when it cannot be read. Reads only the file's start. */
export async function readPlaceholderFile(file: string): Promise<PlaceholderMark | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const head = Buffer.alloc(IMAGE_SIZE_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return readPlaceholderMark(head.subarray(0, bytesRead));
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

function parseMark(value: string): PlaceholderMark | undefined {
  const { z } = require('zod') as typeof import('zod');
  const side = z.number().int().min(1).max(65_535);
  const schema = z.object({ version: z.literal(1), prompt: z.string().trim().min(1), width: side, height: side });
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? { prompt: parsed.data.prompt, width: parsed.data.width, height: parsed.data.height } : undefined;
  } catch {
    return undefined;
  }
}
