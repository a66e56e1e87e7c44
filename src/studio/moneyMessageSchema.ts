/**
 * The money the host tells the webview about: the Generate button's priced label and what this workspace
 * spent. The webview parses both on arrival (like the form, `formSpecSchema.ts`) and shows them as plain
 * text; it never works out a price itself. zod/mini keeps the webview bundle small.
 */
import * as z from 'zod/mini';
import type { GenerateEstimate } from './protocol';

const text = (max: number) => z.string().check(z.maxLength(max));

export const generateEstimateSchema = z.object({
  seq: z.int().check(z.minimum(0)),
  model: text(200),
  label: text(200),
  title: text(1000),
});

export const spendingSchema = z.optional(text(500));

/** The estimate of a host message, or undefined (refused) when it does not have the expected shape. */
export function parseGenerateEstimate(raw: unknown): GenerateEstimate | undefined {
  const parsed = generateEstimateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The spent line, `''` when the host sent none or something that is not a short text. */
export function parseSpending(raw: unknown): string {
  const parsed = spendingSchema.safeParse(raw);
  return parsed.success ? (parsed.data ?? '') : '';
}
