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
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { boardServerDrafts, DraftKeeper } from '../api/draftsClient';
import { useBoardTools } from './boardContext';
import { deviceDraftOf } from './drafts';
import { decodeRecapLine, encodeRecapLine, NO_BLOCKER_CHOSEN } from './recapDraftField';
import { GrowingTextarea } from './GrowingTextarea';
import { RECAP_TAG_TEXT } from './labels';

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

type Lines = [RecapLine, RecapLine];

const LINE_IDS = ['recapLine1', 'recapLine2'] as const;

function parseLegacyDraft(raw: unknown): Lines | null {
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

/**
 * Before the recap was written together, each person kept their own recap draft (on the server and the device). When
 * the shared draft is still empty, such a draft starts it, once, and is then removed: no one's words are lost.
 */
function useLegacyRecapDraft(enabled: boolean): void {
  const { session, sync, drafts } = useBoardTools();
  useEffect(() => {
    if (!enabled) return;
    const keeper = new DraftKeeper({
      server: boardServerDrafts(session.api, sync.view.ref, 'recapComposer'),
      device: deviceDraftOf(drafts, 'recapComposer'),
    });
    let cancelled = false;
    void keeper.restore().then((found) => {
      const lines = found ? parseLegacyDraft(found.value) : null;
      if (cancelled || !lines) return;
      const fields = sync.getSnapshot().fields;
      LINE_IDS.forEach((id, i) => {
        const line = lines[i as 0 | 1];
        if (decodeRecapLine(fields[id].text).text === '' && line.text.trim() !== '')
          sync.edit(id, encodeRecapLine(line));
      });
      keeper.clear();
    });
    return () => {
      cancelled = true;
      keeper.dispose();
    };
  }, [enabled, session, sync, drafts]);
}

/** What saving does, said before it is done. */
export const CLOSE_EFFECT = 'Saving emails the recap to you both, and your answers become read-only.';
const CORRECT_EFFECT = 'Saving the correction emails the amended recap to you both.';

const RECAP_PART_IDS = ['recapLine1', 'recapLine2', 'recapNoBlocker'] as const;

const PART_NAMES: Readonly<Record<(typeof RECAP_PART_IDS)[number], string>> = {
  recapLine1: 'line 1',
  recapLine2: 'line 2',
  recapNoBlocker: 'the “no blocker this week” choice',
};

/** What the other person just changed in the shared draft, in words for the live region ("Megan changed line 2."). */
function useOtherPersonsEdits(): string {
  const { sync } = useBoardTools();
  const [said, setSaid] = useState('');
  useEffect(() => {
    const seen = new Map(RECAP_PART_IDS.map((id) => [id, sync.getSnapshot().fields[id].server.revision]));
    return sync.subscribe(() => {
      const snap = sync.getSnapshot();
      const { viewer, participants } = snap.board;
      const changes: string[] = [];
      for (const id of RECAP_PART_IDS) {
        const server = snap.fields[id].server;
        const before = seen.get(id) ?? 0;
        seen.set(id, Math.max(before, server.revision));
        if (server.revision <= before || !server.updatedBy || server.updatedBy === viewer.userId) continue;
        const who =
          server.updatedBy === participants.manager.id
            ? participants.manager.displayName
            : participants.report.displayName;
        changes.push(`${who} changed ${PART_NAMES[id]}.`);
      }
      if (changes.length > 0) setSaid(changes.join(' '));
    });
  }, [sync]);
  return said;
}

/**
 * The recap both people write: two lines, each at most 200 characters, that between them cover a blocker, a support
 * need and a learning (or, on "no blocker this week", the latter two). On an open board the lines are the board's
 * shared draft, saved as typed and seen by the other person on their next poll; either person closes the board with
 * them, which emails both. Before the meeting's end (by this device's clock) the close is asked about first.
 * With `correcting`, the same form corrects the closed recap (its own lines, sent only when saved).
 */
export default function RecapComposer({
  onCancel,
  meetingEnd,
  correcting,
  now = Date.now,
}: {
  onCancel: () => void;
  /** The meeting's end (ISO), or null when the board has no meeting times. */
  meetingEnd: string | null;
  /** The closed recap to correct, at the version this person sees. */
  correcting?: { lines: Lines; noBlocker: boolean; version: number };
  now?: () => number;
}) {
  const styles = useStyles();
  const { actions, sync } = useBoardTools();
  const snap = useSyncExternalStore(sync.subscribe, sync.getSnapshot);
  const [correction, setCorrection] = useState(
    correcting ? { lines: correcting.lines, noBlocker: correcting.noBlocker } : null,
  );
  useLegacyRecapDraft(!correcting);
  const heard = useOtherPersonsEdits();
  const lines: Lines = correction
    ? correction.lines
    : [decodeRecapLine(snap.fields.recapLine1.text), decodeRecapLine(snap.fields.recapLine2.text)];
  const noBlocker = correction ? correction.noBlocker : snap.fields.recapNoBlocker.text === NO_BLOCKER_CHOSEN;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const covered = new Set(lines.flatMap((l) => l.tags));
  const missing = RECAP_TAGS.filter((t) => !covered.has(t) && !(noBlocker && t === 'blocker'));
  const inventedBlocker = noBlocker && covered.has('blocker');
  const ready =
    missing.length === 0 && !inventedBlocker && lines.every((l) => l.text.trim() !== '' && l.tags.length > 0);

  const setLine = (i: 0 | 1, line: RecapLine) => {
    if (correction) {
      const next: Lines = i === 0 ? [line, correction.lines[1]] : [correction.lines[0], line];
      setCorrection({ ...correction, lines: next });
    } else sync.edit(LINE_IDS[i], encodeRecapLine(line));
  };
  const setNoBlocker = (on: boolean) => {
    if (correction) setCorrection({ ...correction, noBlocker: on });
    else sync.edit('recapNoBlocker', on ? NO_BLOCKER_CHOSEN : '');
  };
  const toggle = (i: 0 | 1, tag: RecapTag, on: boolean) => {
    const line = lines[i];
    setLine(i, { ...line, tags: on ? [...line.tags, tag] : line.tags.filter((t) => t !== tag) });
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    const content = {
      lines: [
        { text: lines[0].text.trim(), tags: lines[0].tags },
        { text: lines[1].text.trim(), tags: lines[1].tags },
      ] as Lines,
      noBlocker,
    };
    const result = correcting
      ? await actions.correctRecap(content, correcting.version)
      : await actions.saveRecap(content);
    setBusy(false);
    if (result.ok) return correcting ? onCancel() : undefined;
    // The other person's close or correction won: theirs is shown; these words stay in the form.
    setError('existing' in result ? `${result.message} Your lines are kept here.` : result.message);
  };

  const title = correcting ? 'Correct the recap' : 'Close with a recap';
  const effect = correcting ? CORRECT_EFFECT : CLOSE_EFFECT;
  return (
    <form
      className={styles.form}
      aria-labelledby="recap-composer-heading"
      aria-describedby="recap-composer-effect"
      onBlur={(e) => {
        const field = (e.target as HTMLElement).dataset.recapPart;
        if (field === 'recapLine1' || field === 'recapLine2') sync.blur(field);
      }}
      onFocus={(e) => {
        const field = (e.target as HTMLElement).dataset.recapPart;
        if (field === 'recapLine1' || field === 'recapLine2') sync.focus(field);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        const end = meetingEnd ? Date.parse(meetingEnd) : Number.NaN;
        if (!correcting && Number.isFinite(end) && now() < end) setConfirming(true);
        else void save();
      }}
    >
      <h2 id="recap-composer-heading" className={styles.heading}>
        {title}
      </h2>
      <Caption1 id="recap-composer-effect" className={styles.what}>
        {correcting
          ? effect
          : `You write it together: ${snap.board.viewer.role === 'manager' ? snap.board.participants.report.displayName : snap.board.participants.manager.displayName} sees these lines as you type. ${effect}`}
      </Caption1>
      <Checkbox
        label="No blocker this week"
        checked={noBlocker}
        onChange={(_e, data) => setNoBlocker(data.checked === true)}
      />
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
              data-recap-part={LINE_IDS[i]}
              value={lines[i].text}
              onChange={(_e, data) => setLine(i, { ...lines[i], text: data.value })}
            />
          </Field>
          <div className={styles.tags} role="group" aria-label={`What line ${i + 1} covers`}>
            {RECAP_TAGS.filter((tag) => !(noBlocker && tag === 'blocker' && !lines[i].tags.includes(tag))).map(
              (tag) => (
                <Checkbox
                  key={tag}
                  label={RECAP_TAG_TEXT[tag]}
                  checked={lines[i].tags.includes(tag)}
                  onChange={(_e, data) => toggle(i, tag, data.checked === true)}
                />
              ),
            )}
          </div>
        </fieldset>
      ))}
      <Caption1 className={styles.coverage} aria-live="polite">
        {inventedBlocker
          ? '“No blocker this week” is chosen: untick Blocker on the lines, or untick the choice.'
          : missing.length > 0
            ? `Still to cover: ${missing.map((t) => RECAP_TAG_TEXT[t].toLowerCase()).join(', ')}.`
            : noBlocker
              ? 'Covered: a support need and a learning, and no blocker this week.'
              : 'All three covered: a blocker, a support need and a learning.'}
      </Caption1>
      <Caption1 aria-live="polite" className={styles.what}>
        {correction ? '' : heard}
      </Caption1>
      {error && (
        <Caption1 role="alert" className={styles.error}>
          {error}
        </Caption1>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={!ready || busy}>
          {correcting ? 'Save the correction and email it' : 'Save recap and email it'}
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
