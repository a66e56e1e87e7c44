/**
 * What the Studio reads from the model catalog: the editor's `ModelCatalog` (which answers from its cache,
 * RunComfy or the embedded snapshot) satisfies it.
 */
import type { CatalogModel } from '../runcomfy/catalog';
import type { ModelInputSchema } from '../runcomfy/inputSchema';

export interface StudioCatalog {
  /** The catalog's image models. */
  models(): Promise<CatalogModel[]>;
  /** A model's normalised inputs; without fields when the model is unknown. */
  inputSchema(modelId: string): Promise<ModelInputSchema>;
  /** Fires when the catalog changed (a fetch or refresh finished): the form is rebuilt. */
  onDidChange?(listener: () => void): { dispose(): void };
}
