import { MAX_GO_TO_QUESTION_LENGTH } from '@candor/contract';
import { Button, Caption1, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/**
 * The report's "ask me this": a question they would like to be asked. It joins the pair's go-to questions, and the
 * rotation brings it up before the manager's own until it has been answered.
 */
export function AskMeThis({ onAsk }: { onAsk: (text: string) => Promise<string | null> }) {
  const styles = useStyles();
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

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void ask();
      }}
    >
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
