/**
 * The test double's model catalog, in RunComfy's own shape (PROTOCOL §7 and §12): the two FLUX.2 Klein
 * models as the catalog states them, and models covering every input convention the client must handle:
 * an `image_size` enum with a `float` guidance scale, a `seed` defaulting to null and `output_format`; an
 * `aspect_ratio` + `resolution` model; an edit model taking `image_uris` with validations and a sample
 * default; a LoRA model with a structured array; a video model priced per second; one workflow; and a
 * text-to-image model published without a price (a missing price is unknown, never free).
 * Written independently of the client's embedded snapshot, on purpose.
 */

export interface DoubleModel {
  model_id: string;
  display_name: string;
  description: string;
  categories: string[];
  kind: 'model' | 'workflow' | 'inference';
  base_price_usd?: number;
  price_unit?: 'output' | 'second';
  pricing_note?: string;
  model_url: string;
  input_schema: { type: 'object'; title?: string; required?: string[]; properties: Record<string, Record<string, unknown>> };
}

const page = (id: string) => `https://www.runcomfy.com/models/${id}`;
const prompt = (sample?: string) => ({ title: 'Prompt', description: 'What to generate.', type: 'string', ...(sample ? { default: sample } : {}) });
const pixels = (side: string, min: number, max: number) => ({
  title: side[0]!.toUpperCase() + side.slice(1),
  description: `The ${side} in pixels of the output image.`,
  type: 'integer',
  minimum: min,
  maximum: max,
  default: 1024,
});

export const DOUBLE_KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
export const DOUBLE_KLEIN_4B = 'blackforestlabs/flux-2-klein/4b/text-to-image';
export const DOUBLE_FLASH = 'blackforestlabs/flux-2/flash/text-to-image';
export const DOUBLE_ASPECT = 'google/nano-banana-pro/text-to-image';
export const DOUBLE_EDIT = 'google/nano-banana-2-lite/edit';
export const DOUBLE_LORA = 'tongyi-mai/z-image/turbo/lora';
export const DOUBLE_VIDEO = 'bytedance/seedance-1-0-pro/text-to-video';
export const DOUBLE_WORKFLOW = 'runcomfy/workflows/product-shot';
/** A text-to-image model whose catalog entry has no price: the "price unknown" scenario. */
export const DOUBLE_UNPRICED = 'community/sketchbook/text-to-image';

export const DOUBLE_MODELS: readonly DoubleModel[] = [
  {
    model_id: DOUBLE_KLEIN_9B,
    display_name: 'FLUX.2 Klein 9B',
    description: 'High-fidelity 4-step text-to-image generation with sharp text rendering.',
    categories: ['text-to-image'],
    kind: 'model',
    base_price_usd: 0.012,
    price_unit: 'output',
    pricing_note: 'Per generated image.',
    model_url: page(DOUBLE_KLEIN_9B),
    input_schema: {
      type: 'object',
      title: 'Input schema',
      required: ['prompt'],
      properties: {
        prompt: prompt('A vibrant hummingbird mid-flight sipping nectar from a bright pink hibiscus flower'),
        steps: { title: 'Steps', description: 'The number of diffusion steps.', type: 'integer', minimum: 1, maximum: 100, default: 25 },
        width: pixels('width', 512, 1536),
        height: pixels('height', 512, 1536),
      },
    },
  },
  {
    model_id: DOUBLE_KLEIN_4B,
    display_name: 'FLUX.2 Klein 4B',
    description: 'Fast text-to-image at up to 2048 pixels a side.',
    categories: ['text-to-image'],
    kind: 'model',
    base_price_usd: 0.008,
    price_unit: 'output',
    model_url: page(DOUBLE_KLEIN_4B),
    input_schema: {
      type: 'object',
      required: ['prompt'],
      properties: { prompt: prompt(), width: pixels('width', 64, 2048), height: pixels('height', 64, 2048) },
    },
  },
  {
    model_id: DOUBLE_FLASH,
    display_name: 'FLUX.2 Flash',
    description: 'Named image sizes, guidance and a choice of output format.',
    categories: ['text-to-image'],
    kind: 'model',
    base_price_usd: 0.005,
    price_unit: 'output',
    model_url: page(DOUBLE_FLASH),
    input_schema: {
      type: 'object',
      title: 'Input schema',
      required: ['prompt'],
      properties: {
        prompt: { title: 'Prompt', description: '', type: 'string' },
        guidance_scale: { title: 'Guidance Scale', description: 'How closely the model should stick to the prompt.', type: 'float', minimum: 0, maximum: 20, default: 2.5 },
        seed: { title: 'Seed', description: '', type: 'integer', default: null },
        image_size: {
          title: 'Image Size',
          description: '',
          type: 'string',
          enum: ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'],
          default: 'landscape_4_3',
        },
        output_format: { title: 'Output Format', description: 'The format of the generated image.', type: 'string', enum: ['jpeg', 'png', 'webp'], default: 'png' },
      },
    },
  },
  {
    model_id: DOUBLE_ASPECT,
    display_name: 'Nano Banana Pro',
    description: 'Aspect ratio and resolution presets up to 4K.',
    categories: ['text-to-image'],
    kind: 'model',
    base_price_usd: 0.15,
    price_unit: 'output',
    pricing_note: '4K outputs cost twice the base rate.',
    model_url: page(DOUBLE_ASPECT),
    input_schema: {
      type: 'object',
      required: ['prompt'],
      properties: {
        prompt: prompt('A cat wearing a tiny wizard hat, studio lighting'),
        aspect_ratio: { title: 'Aspect Ratio', description: '', type: 'string', enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '21:9'], default: '1:1' },
        resolution: { title: 'Resolution', description: '', type: 'string', enum: ['1K', '2K', '4K'], default: '1K' },
        num_images: { title: 'Number of images', description: '', type: 'integer', minimum: 1, maximum: 4, default: 1 },
      },
    },
  },
  {
    model_id: DOUBLE_EDIT,
    display_name: 'Nano Banana 2 Lite Edit',
    description: 'Edits one to ten reference images from a prompt.',
    categories: ['image-to-image'],
    kind: 'model',
    base_price_usd: 0.036,
    price_unit: 'output',
    model_url: page(DOUBLE_EDIT),
    input_schema: {
      type: 'object',
      required: ['prompt', 'image_urls'],
      properties: {
        prompt: prompt('Make the sky a dramatic sunset'),
        image_urls: {
          title: 'Images',
          description: 'Reference images (URL or data URI).',
          type: 'array',
          items: { type: 'string', format: 'image_uri' },
          format: 'image_uris',
          minItems: 1,
          maxItems: 10,
          default: ['https://playgrounds-storage-public.runcomfy.net/samples/edit-input.png'],
          validations: [
            { validation_rule: 'file_size_mb<', validation_value: 10, validation_error: 'Each image must be under 10 MB.' },
            { validation_rule: 'width/height<', validation_value: 3, validation_error: 'Aspect ratio must be under 3:1.' },
          ],
        },
        output_format: { title: 'Output Format', description: '', type: 'string', enum: ['png', 'jpeg'], default: 'png' },
      },
    },
  },
  {
    model_id: DOUBLE_LORA,
    display_name: 'Z-Image Turbo LoRA',
    description: 'Text-to-image with your own LoRAs.',
    categories: ['text-to-image'],
    kind: 'model',
    base_price_usd: 0.01,
    price_unit: 'output',
    model_url: page(DOUBLE_LORA),
    input_schema: {
      type: 'object',
      required: ['prompt'],
      properties: {
        prompt: prompt(),
        loras: {
          title: 'LoRAs',
          description: 'LoRA weights to apply.',
          type: 'array',
          maxItems: 3,
          items: {
            type: 'object',
            required: ['path'],
            properties: { path: { type: 'string' }, scale: { type: 'float', minimum: 0, maximum: 4, default: 1 } },
          },
        },
        width: pixels('width', 256, 2048),
        height: pixels('height', 256, 2048),
      },
    },
  },
  {
    model_id: DOUBLE_VIDEO,
    display_name: 'Seedance 1.0 Pro',
    description: 'Text-to-video, 2 to 12 seconds.',
    categories: ['text-to-video'],
    kind: 'model',
    base_price_usd: 0.57,
    price_unit: 'second',
    pricing_note: 'Billed per second of video.',
    model_url: page(DOUBLE_VIDEO),
    input_schema: {
      type: 'object',
      required: ['prompt'],
      properties: {
        prompt: prompt('A drone shot over a misty forest at dawn'),
        duration: { title: 'Duration', description: 'Seconds of video.', type: 'integer', minimum: 2, maximum: 12, default: 5 },
        resolution: { title: 'Resolution', description: '', type: 'string', enum: ['480p', '720p', '1080p'], default: '720p' },
        aspect_ratio: { title: 'Aspect Ratio', description: '', type: 'string', enum: ['16:9', '9:16', '1:1'], default: '16:9' },
      },
    },
  },
  {
    model_id: DOUBLE_WORKFLOW,
    display_name: 'Product Shot Workflow',
    description: 'A ComfyUI workflow behind the Model API.',
    categories: ['image-to-image'],
    kind: 'workflow',
    model_url: page(DOUBLE_WORKFLOW),
    input_schema: {
      type: 'object',
      required: ['image'],
      properties: { image: { title: 'Product image', description: '', type: 'string', format: 'image_uri' } },
    },
  },
  {
    model_id: DOUBLE_UNPRICED,
    display_name: 'Sketchbook',
    description: 'Pencil-sketch text-to-image; published without a price.',
    categories: ['text-to-image'],
    kind: 'model',
    model_url: page(DOUBLE_UNPRICED),
    input_schema: {
      type: 'object',
      required: ['prompt'],
      properties: { prompt: prompt(), width: pixels('width', 256, 1536), height: pixels('height', 256, 1536) },
    },
  },
];
