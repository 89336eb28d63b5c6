import { MAX_GO_TO_QUESTIONS, MAX_GO_TO_QUESTION_LENGTH, type GoToQuestion } from '@candor/contract';
import { Button, Caption1, Field, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useBoardTools } from './boardContext';
import { GrowingTextarea } from './GrowingTextarea';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalXS },
  grow: { flexGrow: 1, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorStatusWarningForeground1 },
});

/** The manager's own bank of go-to questions, in the order they come up. */
export function GoToBankEditor({ onClose }: { onClose: () => void }) {
  const styles = useStyles();
  const { session } = useBoardTools();
  const [questions, setQuestions] = useState<GoToQuestion[] | null>(null);
  const [revision, setRevision] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void session.api.getGoToBank().then((result) => {
      if (!live) return;
      if (result.ok) {
        setQuestions(
          result.value.questions.length > 0 ? result.value.questions : [{ id: crypto.randomUUID(), text: '' }],
        );
        setRevision(result.value.revision);
      } else setMessage('Your questions could not be loaded. Try again in a moment.');
    });
    return () => {
      live = false;
    };
  }, [session]);

  if (!questions)
    return message ? (
      <Caption1 role="alert">{message}</Caption1>
    ) : (
      <Spinner size="tiny" label="Loading your questions…" />
    );

  const save = async () => {
    setBusy(true);
    setMessage(null);
    // Each question keeps where it came from (library, exchange, typed), so the board can say so.
    const kept = questions.map((q) => ({ ...q, text: q.text.trim() })).filter((q) => q.text !== '');
    const result = await session.api.saveGoToBank({ questions: kept, baseRevision: revision });
    setBusy(false);
    if (result.ok) {
      setRevision(result.value.revision);
      onClose();
    } else if (result.kind === 'conflict') {
      // Changed on another device: show that version, keep nothing silently; the person saves again if needed.
      setQuestions([
        ...result.current.questions,
        ...kept.filter((q) => !result.current.questions.some((c) => c.id === q.id)),
      ]);
      setRevision(result.current.revision);
      setMessage('Your questions changed on another device; both versions are shown. Save again to keep them.');
    } else
      setMessage(
        result.kind === 'network'
          ? 'Can’t reach Candor right now. Your questions are still here; try again.'
          : result.message,
      );
  };

  return (
    <form
      className={styles.form}
      aria-label="Your go-to questions"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {questions.map((q, i) => (
        <div key={q.id} className={styles.row}>
          <Field className={styles.grow} label={`Question ${i + 1}`}>
            <GrowingTextarea
              rows={1}
              singleLine
              value={q.text}
              maxLength={MAX_GO_TO_QUESTION_LENGTH}
              onChange={(_e, data) =>
                setQuestions(questions.map((x) => (x.id === q.id ? { ...x, text: data.value } : x)))
              }
            />
          </Field>
          <Button
            size="small"
            appearance="subtle"
            aria-label={`Remove question ${i + 1}`}
            onClick={() => setQuestions(questions.filter((x) => x.id !== q.id))}
          >
            Remove
          </Button>
        </div>
      ))}
      {message && (
        <Caption1 role="alert" className={styles.error}>
          {message}
        </Caption1>
      )}
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={questions.length >= MAX_GO_TO_QUESTIONS}
          onClick={() => setQuestions([...questions, { id: crypto.randomUUID(), text: '' }])}
        >
          Add a question
        </Button>
        <Button type="submit" size="small" appearance="primary" disabled={busy}>
          Save questions
        </Button>
        <Button size="small" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
