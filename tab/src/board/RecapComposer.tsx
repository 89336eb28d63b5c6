import { MAX_RECAP_LINE_LENGTH, RECAP_TAGS, type RecapLine, type RecapTag } from '@candor/contract';
import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { UNKEPT_NOTE } from '../api/draftsClient';
import { useBoardTools } from './boardContext';
import { GrowingTextarea } from './GrowingTextarea';
import { RECAP_TAG_TEXT } from './labels';
import { usePersistentDraft } from './usePersistentDraft';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  line: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
  tags: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  coverage: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  what: { color: tokens.colorNeutralForeground2 },
  textarea: { width: '100%', minWidth: 0 },
  error: { color: tokens.colorStatusWarningForeground1 },
});

type Draft = [RecapLine, RecapLine];

const EMPTY: Draft = [
  { text: '', tags: [] },
  { text: '', tags: [] },
];

function parseDraft(raw: unknown): Draft | null {
  if (!Array.isArray(raw) || raw.length !== 2) return null;
  const lines = raw.map((l: unknown) => {
    if (!l || typeof l !== 'object') return null;
    const line = l as Record<string, unknown>;
    if (typeof line.text !== 'string' || !Array.isArray(line.tags)) return null;
    return {
      text: line.text,
      tags: line.tags.filter((t): t is RecapTag => (RECAP_TAGS as readonly unknown[]).includes(t)),
    };
  });
  return lines[0] && lines[1] ? [lines[0], lines[1]] : null;
}

/** What saving does, said before it is done. */
export const CLOSE_EFFECT = 'Saving emails the recap to you both, and your answers become read-only.';

/**
 * Two lines, each at most 200 characters, that between them cover a blocker, a support need and a learning. Saving
 * closes the board and emails both people. The words are kept as the writer's draft until the recap is saved. Before the
 * meeting's end (by this device's clock) the close is asked about first: it cannot be undone.
 */
export default function RecapComposer({
  onCancel,
  meetingEnd,
  now = Date.now,
}: {
  onCancel: () => void;
  /** The meeting's end (ISO), or null when the board has no meeting times. */
  meetingEnd: string | null;
  now?: () => number;
}) {
  const styles = useStyles();
  const { actions } = useBoardTools();
  const draft = usePersistentDraft<Draft>('recapComposer', () => EMPTY, parseDraft);
  const { value: lines, set: setLines } = draft;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const covered = new Set(lines.flatMap((l) => l.tags));
  const missing = RECAP_TAGS.filter((t) => !covered.has(t));
  const ready = missing.length === 0 && lines.every((l) => l.text.trim() !== '' && l.tags.length > 0);

  const setLine = (i: 0 | 1, line: RecapLine) => setLines(i === 0 ? [line, lines[1]] : [lines[0], line]);
  const toggle = (i: 0 | 1, tag: RecapTag, on: boolean) => {
    const line = lines[i];
    setLine(i, { ...line, tags: on ? [...line.tags, tag] : line.tags.filter((t) => t !== tag) });
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    const result = await actions.saveRecap([
      { text: lines[0].text.trim(), tags: lines[0].tags },
      { text: lines[1].text.trim(), tags: lines[1].tags },
    ]);
    setBusy(false);
    if (result.ok) return draft.clear();
    // The other person's recap closed the board: theirs is shown; these words stay as the viewer's draft.
    setError('existing' in result ? `${result.message} Your lines are kept as your draft.` : result.message);
  };

  return (
    <form
      className={styles.form}
      aria-labelledby="recap-composer-heading"
      aria-describedby="recap-composer-effect"
      onBlur={draft.flush}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        const end = meetingEnd ? Date.parse(meetingEnd) : Number.NaN;
        if (Number.isFinite(end) && now() < end) setConfirming(true);
        else void save();
      }}
    >
      <h2 id="recap-composer-heading" className={styles.heading}>
        Close with a recap
      </h2>
      <Caption1 id="recap-composer-effect" className={styles.what}>
        {CLOSE_EFFECT}
      </Caption1>
      {([0, 1] as const).map((i) => (
        <fieldset key={i} className={styles.line}>
          <legend className={styles.legend}>{`Line ${i + 1}`}</legend>
          <Field label={`Line ${i + 1} text`} hint={`${lines[i].text.length}/${MAX_RECAP_LINE_LENGTH}`}>
            <GrowingTextarea
              ref={i === 0 ? first : undefined}
              className={styles.textarea}
              rows={1}
              singleLine
              maxLength={MAX_RECAP_LINE_LENGTH}
              value={lines[i].text}
              onChange={(_e, data) => setLine(i, { ...lines[i], text: data.value })}
            />
          </Field>
          <div className={styles.tags} role="group" aria-label={`What line ${i + 1} covers`}>
            {RECAP_TAGS.map((tag) => (
              <Checkbox
                key={tag}
                label={RECAP_TAG_TEXT[tag]}
                checked={lines[i].tags.includes(tag)}
                onChange={(_e, data) => toggle(i, tag, data.checked === true)}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <Caption1 className={styles.coverage} aria-live="polite">
        {missing.length === 0
          ? 'All three covered: a blocker, a support need and a learning.'
          : `Still to cover: ${missing.map((t) => RECAP_TAG_TEXT[t].toLowerCase()).join(', ')}.`}
      </Caption1>
      {error && (
        <Caption1 role="alert" className={styles.error}>
          {error}
        </Caption1>
      )}
      {draft.keep === 'unkept' && (
        <Caption1 role="status" className={styles.error}>
          {UNKEPT_NOTE}
        </Caption1>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={!ready || busy}>
          Save recap and email it
        </Button>
        <Button onClick={onCancel}>Not yet</Button>
      </div>
      {/* Mounted only while asking: a mounted Dialog, even closed, leaves focusable aria-hidden sentinels at the page's edges. */}
      {confirming ? (
        <Dialog modalType="alert" open onOpenChange={(_e, data) => setConfirming(data.open)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Close before the meeting ends?</DialogTitle>
              <DialogContent>Your 1:1 is still on. {CLOSE_EFFECT} It can’t be reopened.</DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  onClick={() => {
                    setConfirming(false);
                    void save();
                  }}
                >
                  Close now
                </Button>
                <Button onClick={() => setConfirming(false)}>Keep it open</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      ) : null}
    </form>
  );
}
