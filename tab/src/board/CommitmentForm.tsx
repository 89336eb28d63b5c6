import { COMMITMENT_PREFILL, MAX_COMMITMENT_TEXT_LENGTH, commitmentSaysSomething } from '@candor/contract';
import { Button, Caption1, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { UNKEPT_NOTE } from '../api/draftsClient';
import { useBoardTools } from './boardContext';
import { GrowingTextarea } from './GrowingTextarea';
import { usePersistentDraft } from './usePersistentDraft';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  note: { color: tokens.colorStatusWarningForeground1 },
});

interface CommitmentDraft {
  /** Chosen once per draft, so a retried save never makes a second commitment. */
  id: string;
  text: string;
  dueDate: string;
}

function parseDraft(raw: unknown): CommitmentDraft | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Record<string, unknown>;
  return typeof d.id === 'string' && typeof d.text === 'string' && typeof d.dueDate === 'string'
    ? { id: d.id, text: d.text, dueDate: d.dueDate }
    : null;
}

/** The manager's "I will…", made from the report's support ask, with an optional due date. */
export default function CommitmentForm({ ask, onDone }: { ask: string; onDone: () => void }) {
  const styles = useStyles();
  const { actions } = useBoardTools();
  const kept = usePersistentDraft<CommitmentDraft>(
    'commitmentForm',
    () => ({ id: crypto.randomUUID(), text: COMMITMENT_PREFILL, dueDate: '' }),
    parseDraft,
  );
  const { value: draft, set: setDraft, clear: clearDraft } = kept;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = async () => {
    // The same rule as the API's, said before a round trip: the first words alone promise nothing.
    if (!commitmentSaysSomething(draft.text)) {
      setError(`Say what you will do after “${COMMITMENT_PREFILL.trim()}”.`);
      first.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await actions.createCommitment({
      id: draft.id,
      text: draft.text.trim(),
      dueDate: draft.dueDate || null,
      fromSupportAsk: ask.trim() !== '',
    });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    clearDraft();
    onDone();
  };

  return (
    <form
      className={styles.form}
      aria-label="New commitment"
      onBlur={kept.flush}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label="Your commitment" validationMessage={error ?? undefined} validationState={error ? 'error' : 'none'}>
        <GrowingTextarea
          ref={first}
          rows={2}
          maxLength={MAX_COMMITMENT_TEXT_LENGTH}
          value={draft.text}
          onChange={(_e, data) => {
            setDraft({ ...draft, text: data.value });
            if (error) setError(null);
          }}
        />
      </Field>
      <Field label="Due date (optional)">
        <Input type="date" value={draft.dueDate} onChange={(_e, data) => setDraft({ ...draft, dueDate: data.value })} />
      </Field>
      {kept.keep === 'unkept' && (
        <Caption1 role="status" className={styles.note}>
          {UNKEPT_NOTE}
        </Caption1>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={busy}>
          Save commitment
        </Button>
        <Button
          size="small"
          onClick={() => {
            clearDraft();
            onDone();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
