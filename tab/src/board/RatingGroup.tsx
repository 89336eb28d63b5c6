import { NOT_SHARED, PREFER_NOT_TO_SAY, type RatingFieldId, type TrendSharing } from '@candor/contract';
import {
  Button,
  Caption1,
  Field,
  Radio,
  RadioGroup,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { describeFailure } from '../api/failureText';
import { useBoardTools } from './boardContext';
import { decodeRating, type FieldSnapshot } from './boardSync';
import { PREFER_NOT_LABEL, RATING_WORDS } from './labels';

const useStyles = makeStyles({
  label: { fontWeight: tokens.fontWeightSemibold },
  readOnly: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  clear: { alignSelf: 'flex-start' },
  sharing: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  seenBy: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorStatusDangerForeground1, flexBasis: '100%' },
  // Compact: the five points in one row with a word at each end, so it fits under a prompt in a 280 px panel.
  points: { display: 'flex', justifyContent: 'space-between', maxWidth: '240px' },
  ends: {
    display: 'flex',
    justifyContent: 'space-between',
    maxWidth: '240px',
    color: tokens.colorNeutralForeground2,
  },
});

type SharingChoice = keyof Pick<TrendSharing, 'shareMood' | 'shareLifeLoad' | 'shareEnergy' | 'shareDrain'>;

/** The ratings a report may keep from their manager, and the sharing choice behind each (as in the Trends tab). */
const SHARING_CHOICE: Partial<Record<RatingFieldId, SharingChoice>> = {
  mood: 'shareMood',
  lifeLoad: 'shareLifeLoad',
  energy: 'shareEnergy',
  drain: 'shareDrain',
};

/** How an answer reads: "4 · Growing", "Prefer not to say", "Not shared" (the manager's view), or null when not answered. */
export function ratingWords(id: RatingFieldId, text: string): string | null {
  if (text === NOT_SHARED) return 'Not shared';
  const value = decodeRating(text);
  if (value === null) return null;
  if (value === PREFER_NOT_TO_SAY) return PREFER_NOT_LABEL;
  return `${value} · ${RATING_WORDS[id].points[value - 1]}`;
}

/**
 * Under the report's mood, life load, energy and drain: who sees it right now, and a switch that changes the very
 * choice the Trends tab shows. PUT trends/sharing takes every choice, so the current ones are read first and only this
 * rating's is changed. The "who sees it" line follows what the API confirmed, never the switch's pending position.
 */
function RatingSharing({ id, choice }: { id: RatingFieldId; choice: SharingChoice }) {
  const styles = useStyles();
  const { session, sync } = useBoardTools();
  const [pending, setPending] = useState<boolean | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'failed'; message: string } | null>(null);
  const manager = sync.view.participants.manager.displayName || 'Your manager';
  const visible = sync.view.ratings[id]?.visibleToManager ?? true;
  const what = RATING_WORDS[id].question;

  const change = async (next: boolean) => {
    setPending(next);
    setOutcome(null);
    const current = await session.api.getTrendSharing();
    const saved = current.ok
      ? await session.api.saveTrendSharing({ ...current.value.sharing, [choice]: next })
      : current;
    if (saved.ok) {
      const confirmed = saved.value.sharing[choice];
      sync.patchView((view) => {
        const rating = view.ratings[id];
        return rating
          ? { ...view, ratings: { ...view.ratings, [id]: { ...rating, visibleToManager: confirmed } } }
          : view;
      });
      setOutcome({ kind: 'saved' });
    } else {
      setOutcome({
        kind: 'failed',
        message: `Your choice wasn’t saved, so nothing changed. ${describeFailure(saved).message}`,
      });
    }
    setPending(null);
  };

  return (
    <div className={styles.sharing} role="group" aria-label={`Who sees your answer to “${what}”`}>
      <Caption1 className={styles.seenBy}>{visible ? `${manager} sees this` : 'Only you see this'}</Caption1>
      <Switch
        label={`Share with ${manager}`}
        checked={pending ?? visible}
        disabled={pending !== null}
        onChange={(_e, data) => void change(data.checked)}
      />
      <Caption1 role="status" aria-live="polite">
        {pending !== null ? 'Saving…' : outcome?.kind === 'saved' ? 'Saved' : ''}
      </Caption1>
      {outcome?.kind === 'failed' && (
        <Caption1 role="alert" className={styles.error}>
          {outcome.message}
        </Caption1>
      )}
    </div>
  );
}

/**
 * Five labelled choices plus "Prefer not to say" (never a bare slider); nothing is required. The report picks, and
 * for mood and life load decides right here whether the manager sees it; the manager sees the answer, or "Not
 * shared". Picking saves at once; "Clear" takes an answer back.
 */
export function RatingGroup({
  id,
  field,
  question,
  compact = false,
}: {
  id: RatingFieldId;
  field: FieldSnapshot;
  question?: string;
  /** One row of five, named "1 · Not at all" … "5 · Very" for a screen reader, with the end words shown. */
  compact?: boolean;
}) {
  const styles = useStyles();
  const { sync } = useBoardTools();
  const labelId = useId();
  const words = RATING_WORDS[id];
  const label = question ?? words.question;
  const choice = SHARING_CHOICE[id];
  const sharing = choice && sync.view.viewer.role === 'report' ? <RatingSharing id={id} choice={choice} /> : null;
  if (!field.editable) {
    const answer = ratingWords(id, field.text);
    return (
      <div className={styles.readOnly}>
        <Caption1 id={labelId} className={styles.label}>
          {label}
        </Caption1>
        <Text aria-labelledby={labelId} className={answer && field.text !== NOT_SHARED ? undefined : styles.muted}>
          {answer ?? 'Not answered'}
        </Text>
        {sharing}
      </div>
    );
  }
  // The sharing switch stays outside the Field: a Field names every control inside it after its own label.
  const group = (
    <Field label={{ children: label, className: styles.label }}>
      <RadioGroup value={field.text} onChange={(_e, data) => sync.edit(id, data.value)}>
        {compact ? (
          <>
            <div className={styles.points}>
              {words.points.map((word, i) => (
                // The name says the number and its word; the number alone is shown, the end words below.
                <Radio
                  key={word}
                  value={String(i + 1)}
                  label={String(i + 1)}
                  labelPosition="below"
                  aria-label={`${i + 1} · ${word}`}
                />
              ))}
            </div>
            <Caption1 className={styles.ends} aria-hidden>
              <span>{words.points[0]}</span>
              <span>{words.points[4]}</span>
            </Caption1>
          </>
        ) : (
          words.points.map((word, i) => <Radio key={word} value={String(i + 1)} label={`${i + 1} · ${word}`} />)
        )}
        <Radio value={PREFER_NOT_TO_SAY} label={PREFER_NOT_LABEL} />
      </RadioGroup>
      {field.text !== '' && (
        <Button
          className={styles.clear}
          size="small"
          appearance="subtle"
          onClick={() => sync.edit(id, '')}
          aria-label={`Clear: ${label}`}
        >
          Clear
        </Button>
      )}
    </Field>
  );
  if (!sharing) return group;
  return (
    <div className={styles.readOnly}>
      {group}
      {sharing}
    </div>
  );
}
