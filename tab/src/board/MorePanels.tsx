import { MAX_CAREER_GOAL_LENGTH, TEXT_FIELD_MAX_LENGTH } from '@candor/contract';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useId, useState } from 'react';
import { useBoardTools } from './boardContext';
import type { BoardSnapshot } from './boardSync';
import { EditableField, ReadOnlyText } from './EditableField';
import { GoToBankEditor } from './GoToBankEditor';
import { formatDay } from '../ui/formatDate';
import { RatingGroup } from './RatingGroup';

// The library, "ask me this" and the organization's shared questions: their own chunk, loaded when the section opens.
const GoToPairTools = lazy(() => import('../goTo/GoToPairTools').then((m) => ({ default: m.GoToPairTools })));

const useStyles = makeStyles({
  history: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  historyItem: { display: 'flex', flexDirection: 'column', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  question: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  start: { alignSelf: 'flex-start' },
  error: { color: tokens.colorStatusWarningForeground1 },
});

/** A quick 1–5 against the report's own career goal, which carries from meeting to meeting. */
export function CareerPulse({ snap }: { snap: BoardSnapshot }) {
  const isReport = snap.board.viewer.role === 'report';
  const goal = snap.fields.careerGoal;
  return (
    <>
      {isReport || goal.text.trim() !== '' ? (
        <EditableField
          field={goal}
          label={isReport ? 'Your career goal' : `${snap.board.participants.report.displayName}’s career goal`}
          maxLength={MAX_CAREER_GOAL_LENGTH}
          rows={2}
          hint={isReport ? 'It stays from one 1:1 to the next; change it whenever it changes.' : undefined}
        />
      ) : (
        <ReadOnlyText
          label="Career goal"
          text=""
          empty={`No goal written yet: ask ${snap.board.participants.report.displayName} where they want to grow.`}
        />
      )}
      <RatingGroup
        id="careerPulse"
        field={snap.fields.careerPulse}
        question={
          isReport ? undefined : `How close ${snap.board.participants.report.displayName}’s goal feels this week`
        }
      />
      <EditableField
        field={snap.fields.careerNote}
        label="A note on it (optional)"
        maxLength={TEXT_FIELD_MAX_LENGTH.careerNote}
        rows={2}
      />
    </>
  );
}

/** Earlier recognitions shown before "Show all": the latest few, so the section stays short at 280 px. */
const HISTORY_SHOWN = 3;

/** The manager's recognition of work that would otherwise go unseen, with the pair's earlier ones. */
export function UnseenWork({ snap, locale }: { snap: BoardSnapshot; locale: string }) {
  const styles = useStyles();
  const { viewer, participants, recognitions } = snap.board;
  const report = participants.report.displayName;
  const noticedId = useId();
  const [showAll, setShowAll] = useState(false);
  return (
    <>
      <EditableField
        field={snap.fields.unseenWork}
        label={
          viewer.role === 'manager'
            ? `Something ${report} did that might go unseen`
            : `What ${participants.manager.displayName} noticed`
        }
        maxLength={TEXT_FIELD_MAX_LENGTH.unseenWork}
        rows={2}
      />
      <h3 id={noticedId} className={styles.heading}>
        Noticed before
      </h3>
      {recognitions.length === 0 ? (
        <Caption1 className={styles.muted}>Nothing recorded yet. Each 1:1 is a chance to name one thing.</Caption1>
      ) : (
        <ul className={styles.history} aria-labelledby={noticedId}>
          {(showAll ? recognitions : recognitions.slice(0, HISTORY_SHOWN)).map((r) => (
            <li key={r.occurrenceId} className={styles.historyItem}>
              <Text>{r.text}</Text>
              <Caption1 className={styles.muted}>
                {r.meetingStart ? formatDay(r.meetingStart, locale) : 'Earlier'}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
      {!showAll && recognitions.length > HISTORY_SHOWN && (
        <Button className={styles.start} size="small" appearance="secondary" onClick={() => setShowAll(true)}>
          {`Show all (${recognitions.length})`}
        </Button>
      )}
    </>
  );
}

/** Mood and life load, each optional, each with "prefer not to say". */
export function PersonalCheck({ snap }: { snap: BoardSnapshot }) {
  const styles = useStyles();
  return (
    <>
      {snap.board.viewer.role === 'report' && (
        <Caption1 className={styles.muted}>Only if you want to share. Nothing here is required.</Caption1>
      )}
      <RatingGroup id="mood" field={snap.fields.mood} />
      <RatingGroup id="lifeLoad" field={snap.fields.lifeLoad} />
    </>
  );
}

/**
 * One question from the manager's own bank, offered in turn. Only the manager skips it: the API refuses a report's
 * skip, since each skip shows the next question of the manager's bank.
 */
export function GoToQuestion({ snap }: { snap: BoardSnapshot }) {
  const styles = useStyles();
  const { actions, session } = useBoardTools();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const offer = snap.board.goToQuestion;
  const isManager = snap.board.viewer.role === 'manager';

  const skip = async () => {
    if (offer.state !== 'offered') return;
    setBusy(true);
    setError(null);
    const result = await actions.skipGoToQuestion(offer);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <>
      {offer.state === 'offered' ? (
        <>
          <Text className={styles.question}>{offer.text}</Text>
          {isManager && !snap.finalised && (
            <Button
              className={styles.start}
              size="small"
              appearance="subtle"
              disabled={busy}
              onClick={() => void skip()}
            >
              Skip this one
            </Button>
          )}
          <EditableField
            field={snap.fields.goToAnswer}
            label={isManager ? `${snap.board.participants.report.displayName}’s answer` : 'Your answer'}
            maxLength={TEXT_FIELD_MAX_LENGTH.goToAnswer}
            rows={2}
          />
        </>
      ) : (
        <Caption1 className={styles.muted}>
          {offer.state === 'skipped'
            ? 'Skipped for this 1:1. The next one comes up next time.'
            : isManager
              ? 'No go-to questions yet: one comes up in each 1:1, a different one each time.'
              : 'No go-to question this time.'}
        </Caption1>
      )}
      {!snap.finalised && (
        <Suspense fallback={null}>
          <GoToPairTools session={session} board={snap.board} />
        </Suspense>
      )}
      {error && (
        <Caption1 role="alert" className={styles.error}>
          {error}
        </Caption1>
      )}
      {isManager &&
        (editing ? (
          <GoToBankEditor onClose={() => setEditing(false)} />
        ) : (
          <Button className={styles.start} size="small" onClick={() => setEditing(true)}>
            Edit your go-to questions
          </Button>
        ))}
    </>
  );
}
