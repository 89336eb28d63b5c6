import { MAX_GO_TO_QUESTION_LENGTH, type PairGoToQuestion } from '@candor/contract';
import { Button, Caption1, Field, Input } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { useGoToStyles } from './styles';

export interface AskMeThisProps {
  /** The report's own asks in this pair (null while loading). */
  asks: readonly PairGoToQuestion[] | null;
  /** Each answers an error message, or null when it was done. */
  onAsk: (text: string) => Promise<string | null>;
  onRemove: (questionId: string) => Promise<string | null>;
}

/**
 * The report's "ask me this": questions they would like to be asked. Each joins the pair's go-to questions, and the
 * rotation brings it up before the manager's own until it has been answered. They are the report's words, so the
 * report can take any of them back.
 */
export function AskMeThis({ asks, onAsk, onRemove }: AskMeThisProps) {
  const styles = useGoToStyles();
  const headingId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const ask = async () => {
    const words = text.trim();
    if (!words) return;
    setBusy(true);
    const error = await onAsk(words);
    setBusy(false);
    setNote(error ?? 'Added. It comes up in one of your next 1:1s.');
    if (!error) setText('');
  };

  const remove = async (q: PairGoToQuestion) => {
    setBusy(true);
    const error = await onRemove(q.id);
    setBusy(false);
    setNote(error ?? `Removed: ${q.text}`);
  };

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void ask();
      }}
    >
      {asks && asks.length > 0 && (
        <section aria-labelledby={headingId}>
          <h4 id={headingId} className={styles.heading}>
            Questions you asked to be asked
          </h4>
          <ul className={styles.list}>
            {asks.map((q) => (
              <li key={q.id} className={styles.item}>
                <span className={styles.text}>
                  {q.text}
                  {q.answered && <Caption1 className={styles.muted}> · answered</Caption1>}
                </span>
                <Button
                  size="small"
                  appearance="subtle"
                  disabled={busy}
                  aria-label={`Remove: ${q.text}`}
                  onClick={() => void remove(q)}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Field label="A question you’d like to be asked">
        <Input value={text} maxLength={MAX_GO_TO_QUESTION_LENGTH} onChange={(_e, data) => setText(data.value)} />
      </Field>
      <div className={styles.row}>
        <Button type="submit" size="small" disabled={busy || !text.trim()}>
          Ask me this
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {note && <Caption1>{note}</Caption1>}
      </div>
    </form>
  );
}
