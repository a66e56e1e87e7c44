/**
 * A few image models embedded as data, in the catalog's own model type, so the product works offline and
 * without a token: the editor shows them before the catalog was ever fetched, the CLI lists them without a
 * token, and bodies for them are checked before sending even when the caller passed no schema. Schemas as
 * RunComfy publishes them (PROTOCOL §7 and the model page for Klein 9B, the captured §12 fixture for
 * FLUX.2 Flash), sample prompt included: normalisation drops it like any fetched one. No prices: none was
 * published in what the project could read, and a missing price is unknown, never free.
 */
import type { CatalogModel } from './catalog';
import { normaliseInputSchema, type ModelInputSchema } from './inputSchema';

export const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
export const KLEIN_4B = 'blackforestlabs/flux-2-klein/4b/text-to-image';
export const FLUX_2_FLASH = 'blackforestlabs/flux-2/flash/text-to-image';

const size = (side: 'width' | 'height', min: number, max: number) => ({
  title: side === 'width' ? 'Width' : 'Height',
  description: `The ${side} in pixels of the output image.`,
  type: 'integer',
  minimum: min,
  maximum: max,
  default: 1024,
});

/** The published shape of a model whose only required input is a prompt (published without a default). */
const promptedSchema = (properties: Record<string, unknown>) => ({
  type: 'object',
  title: 'Input schema',
  required: ['prompt'],
  properties: { prompt: { title: 'Prompt', description: '', type: 'string' }, ...properties },
});

const SNAPSHOT: readonly CatalogModel[] = [
  {
    modelId: KLEIN_9B,
    displayName: 'FLUX.2 Klein 9B',
    description:
      'Generate high-fidelity images or edits from prompts and references with sub-second speed, sharp text rendering, and multi-reference consistency for real-time design and branding workflows.',
    categories: ['text-to-image'],
    kind: 'model',
    modelUrl: 'https://www.runcomfy.com/models/blackforestlabs/flux-2-klein/9b/text-to-image',
    inputSchema: {
      type: 'object',
      title: 'Input schema',
      required: ['prompt'],
      properties: {
        prompt: {
          title: 'Prompt',
          description: '',
          type: 'string',
          default:
            'A vibrant hummingbird mid-flight sipping nectar from a bright pink hibiscus flower, iridescent emerald and sapphire feathers catching the morning sun, soft bokeh tropical garden background, macro photography, razor-sharp detail, cinematic lighting',
        },
        steps: {
          title: 'Steps',
          description: 'The number of diffusion steps; higher values can improve quality but take longer.',
          type: 'integer',
          minimum: 1,
          maximum: 100,
          default: 25,
        },
        width: size('width', 512, 1536),
        height: size('height', 512, 1536),
      },
    },
  },
  {
    modelId: KLEIN_4B,
    displayName: 'FLUX.2 Klein 4B',
    categories: ['text-to-image'],
    kind: 'model',
    inputSchema: promptedSchema({ width: size('width', 64, 2048), height: size('height', 64, 2048) }),
  },
  {
    modelId: FLUX_2_FLASH,
    displayName: 'FLUX.2 Flash',
    categories: ['text-to-image'],
    kind: 'model',
    inputSchema: promptedSchema({
      guidance_scale: {
        title: 'Guidance Scale',
        description: 'How closely the model should stick to the prompt.',
        type: 'float',
        minimum: 0,
        maximum: 20,
        default: 2.5,
      },
      seed: { title: 'Seed', description: '', type: 'integer', default: null },
      image_size: {
        title: 'Image Size',
        description: '',
        type: 'string',
        enum: ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'],
        default: 'landscape_4_3',
      },
      output_format: { title: 'Output Format', description: 'The format of the generated image.', type: 'string', enum: ['jpeg', 'png', 'webp'], default: 'png' },
    }),
  },
];

/** Every embedded model (copies: callers may not change the snapshot). */
export function snapshotModels(): CatalogModel[] {
  return SNAPSHOT.map((model) => structuredClone(model));
}

/** The embedded model with this id (surrounding slashes ignored), if any. */
export function snapshotModel(modelId: string): CatalogModel | undefined {
  const model = SNAPSHOT.find((m) => m.modelId === trimModelId(modelId));
  return model && structuredClone(model);
}

const normalised = new Map<string, ModelInputSchema>();

/** The normalised inputs of an embedded model, built once. */
export function snapshotInputSchema(modelId: string): ModelInputSchema | undefined {
  const id = trimModelId(modelId);
  let schema = normalised.get(id);
  if (!schema) {
    const model = SNAPSHOT.find((m) => m.modelId === id);
    if (!model) return undefined;
    schema = normaliseInputSchema(model.inputSchema);
    normalised.set(id, schema);
  }
  return schema;
}

function trimModelId(modelId: string): string {
  return modelId.trim().replace(/^\/+|\/+$/g, '');
}
