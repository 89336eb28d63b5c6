/** What one field's autosave is doing. */
export type FieldStatus =
  | 'idle' // nothing typed since the board loaded
  | 'pending' // typed; waiting for the typing pause
  | 'saving' // request in flight
  | 'saved' // the server has exactly what is on screen
  | 'offline' // the API could not be reached; text kept in localStorage, retrying with backoff
  | 'retrying' // the API answered with a temporary error; retrying with backoff
  | 'error'; // the API refused the text; kept locally until the next edit

export type SaveSummary =
  | { kind: 'idle'; label: '' }
  | { kind: 'saved'; label: 'Saved' }
  | { kind: 'saving'; label: 'Saving…' }
  | { kind: 'offline'; label: string }
  | { kind: 'error'; label: string };

export const OFFLINE_KEPT_LABEL = 'Offline — kept on this device';

/** One quiet line for the header, most important state first. */
export function summarizeSave(
  fields: ReadonlyArray<{ status: FieldStatus; error: string | null }>,
  connection: 'online' | 'offline',
): SaveSummary {
  const has = (status: FieldStatus) => fields.some((f) => f.status === status);
  if (has('offline')) return { kind: 'offline', label: OFFLINE_KEPT_LABEL };
  const failed = fields.find((f) => f.status === 'error');
  if (failed) return { kind: 'error', label: `Not saved: ${failed.error ?? 'the server refused the text'}` };
  if (has('retrying')) return { kind: 'error', label: 'Not saved yet — retrying…' };
  if (has('saving') || has('pending')) return { kind: 'saving', label: 'Saving…' };
  if (connection === 'offline') return { kind: 'offline', label: 'Offline — reconnecting…' };
  if (has('saved')) return { kind: 'saved', label: 'Saved' };
  return { kind: 'idle', label: '' };
}
