import { TEXT_FIELD_MAX_LENGTH, type PromptId, type RatingFieldId } from '@candor/contract';
import { Button, Card, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useId, useState } from 'react';
import type { BoardSnapshot } from './boardSync';
import { EditableField, ReadOnlyText } from './EditableField';
import { PROMPT_TEXT } from './labels';

const CommitmentForm = lazy(() => import('./CommitmentForm'));
// The rating under a prompt loads in its own chunk: the side panel's first download stays at its budget.
const RatingGroup = lazy(() => import('./RatingGroup').then((m) => ({ default: m.RatingGroup })));

/** The stated rating under a prompt: how energized, how drained the week felt (what the trends rest on). */
const PROMPT_RATING: Partial<Record<PromptId, RatingFieldId>> = { energizing: 'energy', draining: 'drain' };

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  prompt: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  start: { alignSelf: 'flex-start' },
});

/**
 * One of the three prompts. The report answers it; the manager reads the answer and writes a shared note under it.
 * Under "what support would help", the manager can turn the ask into a commitment.
 */
export function PromptCard({ prompt, snap }: { prompt: PromptId; snap: BoardSnapshot }) {
  const styles = useStyles();
  const promptId = useId();
  const { viewer, participants } = snap.board;
  const answer = snap.fields[prompt];
  const note = snap.fields[`${prompt}Note`];

  if (viewer.role === 'report') {
    return (
      <Card className={styles.card} appearance="filled-alternative">
        <EditableField field={answer} label={PROMPT_TEXT[prompt]} maxLength={TEXT_FIELD_MAX_LENGTH[prompt]} />
        <PromptRating prompt={prompt} snap={snap} />
        {note.text.trim() !== '' && (
          <ReadOnlyText label={`Shared note from ${participants.manager.displayName}`} text={note.text} />
        )}
      </Card>
    );
  }

  return (
    <Card className={styles.card} appearance="filled-alternative">
      <h2 id={promptId} className={styles.prompt}>
        {PROMPT_TEXT[prompt]}
      </h2>
      <ReadOnlyText
        label={`${participants.report.displayName}’s answer`}
        text={answer.text}
        empty={snap.finalised ? 'Not answered' : undefined}
      />
      <PromptRating prompt={prompt} snap={snap} />
      <EditableField
        field={note}
        label="Shared note"
        alsoLabelledBy={promptId}
        maxLength={TEXT_FIELD_MAX_LENGTH[`${prompt}Note`]}
        empty={snap.finalised ? 'No notes' : undefined}
      />
      {prompt === 'support' && !snap.finalised && <CommitmentStarter ask={answer.text} />}
    </Card>
  );
}

/** The report rates it (optional); the manager reads the answer, "Not shared", or "Not answered". */
function PromptRating({ prompt, snap }: { prompt: PromptId; snap: BoardSnapshot }) {
  const id = PROMPT_RATING[prompt];
  if (!id) return null;
  return (
    <Suspense fallback={null}>
      <RatingGroup id={id} field={snap.fields[id]} compact />
    </Suspense>
  );
}

/** "Turn into a commitment": the form loads on first use. */
function CommitmentStarter({ ask }: { ask: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button className={styles.start} appearance="secondary" size="small" onClick={() => setOpen(true)}>
        Turn into a commitment
      </Button>
    );
  }
  return (
    <Suspense fallback={null}>
      <CommitmentForm ask={ask} onDone={() => setOpen(false)} />
    </Suspense>
  );
}
