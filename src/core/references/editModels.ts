/**
 * Which catalog models can edit: those listed as starting from an image (`image-to-image`, `image-edit`).
 * The catalog's list carries no input schemas, so the category is what can be known without a request per
 * model; the chosen model's schema is then read and must have an image input (`referenceField`).
 */
import type { CatalogModel } from '../../runcomfy/catalog';

const EDIT_CATEGORIES = new Set(['image-to-image', 'image-edit', 'edit-image']);

export function isEditModel(model: Pick<CatalogModel, 'categories' | 'kind'>): boolean {
  return model.kind !== 'workflow' && model.categories.some((category) => EDIT_CATEGORIES.has(category.toLowerCase()));
}
