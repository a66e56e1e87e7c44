/** The redactor lives with the client, which redacts its own messages; re-exported for the log and the CLI. */
export { redact } from '../runcomfy/redact';
