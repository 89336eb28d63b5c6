import { PREFER_NOT_TO_SAY, type RatingFieldId } from '@candor/contract';
import { Button, Caption1, Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useBoardTools } from './boardContext';
import { decodeRating, type FieldSnapshot } from './boardSync';
import { PREFER_NOT_LABEL, RATING_WORDS } from './labels';

const useStyles = makeStyles({
  label: { fontWeight: tokens.fontWeightSemibold },
  readOnly: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  clear: { alignSelf: 'flex-start' },
});

/** How an answer reads: "4 · Growing", "Prefer not to say", or null when not answered. */
export function ratingWords(id: RatingFieldId, text: string): string | null {
  const value = decodeRating(text);
  if (value === null) return null;
  if (value === PREFER_NOT_TO_SAY) return PREFER_NOT_LABEL;
  return `${value} · ${RATING_WORDS[id].points[value - 1]}`;
}

/**
 * Five labelled choices plus "Prefer not to say" (never a bare slider); nothing is required. The report picks, the
 * manager sees the answer. Picking saves at once; "Clear" takes an answer back.
 */
export function RatingGroup({ id, field, question }: { id: RatingFieldId; field: FieldSnapshot; question?: string }) {
  const styles = useStyles();
  const { sync } = useBoardTools();
  const labelId = useId();
  const words = RATING_WORDS[id];
  const label = question ?? words.question;
  if (!field.editable) {
    const answer = ratingWords(id, field.text);
    return (
      <div className={styles.readOnly}>
        <Caption1 id={labelId} className={styles.label}>
          {label}
        </Caption1>
        <Text aria-labelledby={labelId} className={answer ? undefined : styles.muted}>
          {answer ?? 'Not answered'}
        </Text>
      </div>
    );
  }
  return (
    <Field label={{ children: label, className: styles.label }}>
      <RadioGroup value={field.text} onChange={(_e, data) => sync.edit(id, data.value)}>
        {words.points.map((word, i) => (
          <Radio key={word} value={String(i + 1)} label={`${i + 1} · ${word}`} />
        ))}
        <Radio value={PREFER_NOT_TO_SAY} label={PREFER_NOT_LABEL} />
      </RadioGroup>
      {field.text !== '' && (
        <Button className={styles.clear} size="small" appearance="subtle" onClick={() => sync.edit(id, '')} aria-label={`Clear: ${label}`}>
          Clear
        </Button>
      )}
    </Field>
  );
}
