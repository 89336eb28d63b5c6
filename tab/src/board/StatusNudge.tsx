import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { STATUS_FIELD_IDS, type StatusFieldId } from '@candor/contract';
import { useEffect, useId, useRef, useState } from 'react';
import { useBoardTools } from './boardContext';
import type { SyncFieldId } from './boardSync';
import { STATUS_SECTION_LABELS } from './statusMove';

const useStyles = makeStyles({
  chooser: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalXS,
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Stage = 'offer' | 'choose' | 'moving';

/**
 * The status guard, speaking once under a field: an inline, polite note. For the report it offers to move the words
 * into their written status update, into a part they pick; the words leave the board only after the API has them.
 * It never blocks typing and never moves text by itself. Under the manager's notes it only reminds.
 *
 * When the guard is off for the text's language it says only that, so nobody reads its silence as a verdict.
 */
export default function StatusNudge(props: {
  fieldId: SyncFieldId;
  text: string;
  /** The guard did not read this text: a language it has not been measured in. */
  guardOff?: boolean;
  onKeep: () => void;
  onMoved: (message: string) => void;
}) {
  const { fieldId, text, guardOff = false, onKeep, onMoved } = props;
  const { sync, actions } = useBoardTools();
  const styles = useStyles();
  const [stage, setStage] = useState<Stage>('offer');
  const [section, setSection] = useState<StatusFieldId>('finished');
  const [error, setError] = useState<string | null>(null);
  // One id per move, kept while the person retries it, so a request that landed unseen is not appended twice.
  const move = useRef<{ id: string; text: string } | null>(null);
  const chooserRef = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const canMove = sync.view.viewer.role === 'report';

  useEffect(() => {
    // Keyboard users land on the choice they just opened.
    if (stage === 'choose') chooserRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [stage]);

  if (guardOff)
    return <Caption1 as="p">Candor’s status check reads English only, so it is off for this text.</Caption1>;

  const submit = async () => {
    if (!move.current || move.current.text !== text) move.current = { id: crypto.randomUUID(), text };
    setStage('moving');
    setError(null);
    const result = await actions.moveToStatus({ fieldId, section, text: move.current.text, moveId: move.current.id });
    if (!result.ok) {
      setError(result.message);
      setStage('choose');
      return;
    }
    move.current = null;
    setStage('offer');
    const label = STATUS_SECTION_LABELS[section];
    onMoved(
      result.removed
        ? `Moved to your status update, under “${label}”.`
        : `Copied to your status update, under “${label}”. You changed these words meanwhile, so they are still here too.`,
    );
  };

  return (
    <MessageBar intent={error ? 'warning' : 'info'} layout="multiline" politeness="polite">
      <MessageBarBody>
        <MessageBarTitle>This reads like a status update.</MessageBarTitle>
        {canMove
          ? 'Status has its own place, so this time can stay about you.'
          : 'Status has its own place in the written update, so this time can stay about the person.'}
        {error && <div role="alert">{error}</div>}
        {canMove && stage !== 'offer' && (
          <div
            className={styles.chooser}
            ref={chooserRef}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && stage === 'choose') setStage('offer');
            }}
          >
            <Field label={{ id: labelId, children: 'Move it to which part of your status update?' }}>
              <RadioGroup
                aria-labelledby={labelId}
                value={section}
                disabled={stage === 'moving'}
                onChange={(_e, data) => setSection(data.value as StatusFieldId)}
              >
                {STATUS_FIELD_IDS.map((id) => (
                  <Radio key={id} value={id} label={STATUS_SECTION_LABELS[id]} />
                ))}
              </RadioGroup>
            </Field>
            <div className={styles.buttons}>
              <Button size="small" appearance="primary" disabled={stage === 'moving'} onClick={() => void submit()}>
                {stage === 'moving' ? <Spinner size="extra-tiny" label="Moving…" /> : 'Move'}
              </Button>
              <Button size="small" disabled={stage === 'moving'} onClick={() => setStage('offer')}>
                Cancel
              </Button>
            </div>
          </div>
        )}
      </MessageBarBody>
      <MessageBarActions>
        {canMove && stage === 'offer' && (
          <Button size="small" onClick={() => setStage('choose')}>
            Move to status update
          </Button>
        )}
        <Button size="small" appearance="subtle" onClick={onKeep}>
          Keep here
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
