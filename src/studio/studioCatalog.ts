/**
 * What the Studio reads from the model catalog. The editor's `ModelCatalog` satisfies it; so does the
 * embedded snapshot, which the Studio uses where no catalog is wired (its own tests, a first start offline).
 */
import type { CatalogModel } from '../runcomfy/catalog';
import { snapshotInputSchema, snapshotModels } from '../runcomfy/catalogSnapshot';
import { normaliseInputSchema, type ModelInputSchema } from '../runcomfy/inputSchema';

export interface StudioCatalog {
  /** The catalog's models (the Studio offers the image models among them). */
  models(): Promise<CatalogModel[]>;
  /** A model's normalised inputs; without fields when the model is unknown. */
  inputSchema(modelId: string): Promise<ModelInputSchema>;
  /** Fires when the catalog changed (a refresh): the form is rebuilt. */
  onDidChange?(listener: () => void): { dispose(): void };
}

/** The embedded snapshot as a catalog: a few image models, no network. */
export const snapshotCatalog: StudioCatalog = {
  models: () => Promise.resolve(snapshotModels()),
  inputSchema: (modelId) => Promise.resolve(snapshotInputSchema(modelId) ?? normaliseInputSchema(undefined)),
};
