import { MAX_PRIVATE_NOTE_LENGTH } from '@candor/contract';
import { Caption1, Field, makeStyles, tokens } from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';
import { useId } from 'react';
import { useBoardTools } from './boardContext';
import { GrowingTextarea } from './GrowingTextarea';
import type { FieldSnapshot } from './boardSync';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  hint: { color: tokens.colorNeutralForeground2 },
  textarea: { width: '100%', minWidth: 0 },
});

/** Notes only their author can read: never part of the board, saved to an endpoint that only knows "me". */
export function PrivateNotes({ field }: { field: FieldSnapshot }) {
  const styles = useStyles();
  const { sync } = useBoardTools();
  const headingId = useId();
  const hintId = useId();
  const failed = field.status === 'error' || field.status === 'retrying';
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        <LockClosedRegular aria-hidden="true" />
        Private notes
      </h2>
      <Caption1 id={hintId} className={styles.hint}>
        Only you can see this.
      </Caption1>
      {field.editable ? (
        <Field
          validationState={failed ? 'warning' : 'none'}
          validationMessage={failed ? `Not saved yet: ${field.error ?? 'try again'}. Kept on this device.` : undefined}
        >
          <GrowingTextarea
            className={styles.textarea}
            rows={3}
            maxLength={MAX_PRIVATE_NOTE_LENGTH}
            value={field.text}
            aria-labelledby={headingId}
            aria-describedby={hintId}
            onChange={(_e, data) => sync.edit('privateNote', data.value)}
            onFocus={() => sync.focus('privateNote')}
            onBlur={() => sync.blur('privateNote')}
          />
        </Field>
      ) : (
        <Caption1 className={styles.hint}>Loading your notes…</Caption1>
      )}
    </section>
  );
}
