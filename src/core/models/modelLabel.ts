import type { CatalogModel } from '../../runcomfy/catalog';

/**
 * A model as people read it, name first and the id that settings and logs use beside it:
 * `FLUX.2 Klein 9B (blackforestlabs/flux-2-klein/9b/text-to-image)`, or the id alone when no name is known.
 */
export function modelLabel(modelId: string, model?: Pick<CatalogModel, 'displayName'>): string {
  return model?.displayName ? `${model.displayName} (${modelId})` : modelId;
}
