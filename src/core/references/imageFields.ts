/**
 * Which inputs of a model take reference images: fields whose schema `format` is `image_uri` or
 * `image_uris` (PROTOCOL §12), never guessed from the name (`image_urls`, `image`, `images`, … all occur).
 */
import type { InputField, ModelInputSchema } from '../../runcomfy/inputSchema';

/** RunComfy's own nodes allow 16 files in a media list whose schema publishes no `maxItems`. */
export const DEFAULT_MAX_REFERENCES = 16;

/** An input that takes images, with how many it takes. */
export interface ImageInputField {
  field: InputField;
  /** True for a list (`image_uris`): the value sent is an array. */
  multiple: boolean;
  minItems: number;
  maxItems: number;
}

/** Every image input of a model, in the schema's order. */
export function imageInputFields(schema: ModelInputSchema): ImageInputField[] {
  return schema.fields.flatMap((field) => {
    const media = field.media;
    if (field.kind !== 'media' || media?.type !== 'image') return [];
    const maxItems = media.multiple ? Math.max(1, media.maxItems ?? DEFAULT_MAX_REFERENCES) : 1;
    const minItems = Math.min(maxItems, Math.max(field.required ? 1 : 0, media.minItems ?? 0));
    return [{ field, multiple: media.multiple, minItems, maxItems }];
  });
}

/**
 * The field an edit's image goes into: the first required image input, else the first one (a mask or a
 * second optional image is never the picture being edited when a required one exists). Undefined when the
 * model takes no image: it cannot edit.
 */
export function referenceField(schema: ModelInputSchema): ImageInputField | undefined {
  const fields = imageInputFields(schema);
  return fields.find((candidate) => candidate.field.required) ?? fields[0];
}
