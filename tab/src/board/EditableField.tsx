import { Caption1, Field, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useId, useState } from 'react';
import { browserStorage, readStored, writeStored } from '../host/browserStorage';
import { useBoardTools } from './boardContext';
import { GrowingTextarea } from './GrowingTextarea';
import type { FieldSnapshot, SyncFieldId } from './boardSync';

// The nudge is rare: it loads only when the status guard has spoken, or says it is off for the text's language.
const StatusNudge = lazy(() => import('./StatusNudge'));

const useStyles = makeStyles({
  label: { fontWeight: tokens.fontWeightSemibold },
  textarea: { width: '100%', minWidth: 0 },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  empty: { fontStyle: 'italic', color: tokens.colorNeutralForeground3, margin: 0 },
  moved: { color: tokens.colorNeutralForeground2, ':empty': { display: 'none' } },
});

/** "Keep here" is remembered on this device, so the guard never speaks twice under one field. */
function nudgeKey(viewerId: string, occurrenceId: string, field: SyncFieldId): string {
  return `candor:nudge-kept:v1:${viewerId}:${occurrenceId}:${field}`;
}

/** Someone's words shown read-only, labelled by visible text. */
export function ReadOnlyText({
  label,
  text,
  empty = 'Not answered yet',
}: {
  label: string;
  text: string;
  empty?: string;
}) {
  const styles = useStyles();
  const labelId = useId();
  return (
    <div className={styles.block}>
      <Caption1 id={labelId} className={styles.label}>
        {label}
      </Caption1>
      {text.trim() !== '' ? (
        <Text as="p" className={styles.text} aria-labelledby={labelId}>
          {text}
        </Text>
      ) : (
        <Text as="p" className={styles.empty}>
          {empty}
        </Text>
      )}
    </div>
  );
}

/**
 * A labelled, autosaved textarea (read-only text when the viewer may not write it). `alsoLabelledBy` adds visible
 * text to the accessible name, so the manager's three "Shared note" boxes are told apart. Under it, the status
 * guard speaks once, quietly, when the words read like a status update.
 */
export function EditableField(props: {
  field: FieldSnapshot;
  label: string;
  maxLength: number;
  alsoLabelledBy?: string;
  rows?: number;
  hint?: string;
  placeholder?: string;
  /** Read-only and empty: what it says instead of words. */
  empty?: string;
}) {
  const { field, label, maxLength, alsoLabelledBy, rows = 3, hint, placeholder, empty } = props;
  const { sync } = useBoardTools();
  const styles = useStyles();
  const labelId = useId();
  const view = sync.view;
  const key = nudgeKey(view.viewer.userId, view.ref.occurrenceId, field.id);
  const [kept, setKept] = useState(() => readStored(browserStorage(), key) === '1');
  // The quiet word after a move to the status update (the nudge itself goes once the field is empty).
  const [moved, setMoved] = useState<string | null>(null);
  // Once the 1:1 is closed nothing is still to come: an empty field is simply empty.
  if (!field.editable)
    return (
      <ReadOnlyText
        label={label}
        text={field.text}
        empty={empty ?? (sync.getSnapshot().finalised ? 'Nothing written' : undefined)}
      />
    );

  const failed = field.status === 'error' || field.status === 'retrying';
  const keepHere = () => {
    setKept(true);
    // Storage refused: the nudge stays dismissed for this visit only, which is all a refused device can promise.
    writeStored(browserStorage(), key, '1');
  };
  return (
    <>
      <Field
        label={{ children: label, className: styles.label, id: labelId }}
        hint={hint}
        validationState={failed ? 'warning' : 'none'}
        validationMessage={
          failed ? `Not saved yet: ${field.error ?? 'try again'}. Your text is kept on this device.` : undefined
        }
      >
        <GrowingTextarea
          className={styles.textarea}
          rows={rows}
          maxLength={maxLength}
          value={field.text}
          placeholder={placeholder}
          aria-labelledby={alsoLabelledBy ? `${labelId} ${alsoLabelledBy}` : undefined}
          onChange={(_e, data) => sync.edit(field.id, data.value)}
          onFocus={() => sync.focus(field.id)}
          onBlur={() => sync.blur(field.id)}
        />
      </Field>
      {((field.statusNudge && !kept) || field.statusGuardOff) && field.text.trim() !== '' && (
        <Suspense fallback={null}>
          <StatusNudge
            fieldId={field.id}
            text={field.text}
            guardOff={!field.statusNudge && field.statusGuardOff}
            onKeep={keepHere}
            onMoved={setMoved}
          />
        </Suspense>
      )}
      <Caption1 role="status" className={styles.moved}>
        {moved ?? ''}
      </Caption1>
    </>
  );
}
