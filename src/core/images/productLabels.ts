/** The names this product writes into the metadata of the files it saves, shared by writers and readers. */

/** The model name the job runner records for offline placeholders. */
export const OFFLINE_MODEL_LABEL = 'offline placeholder';
/** The `Software` text chunk of files this product saved. */
export const SOFTWARE_LABEL = 'RunComfy Images';
