import {
  MAX_FIELD_TEXT_LENGTH,
  PROMPT_IDS,
  type BoardView,
  type PromptId,
  type TextFieldId,
} from '@candor/contract';
import { Caption1, Card, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Session } from '../boot';
import { notifySuccess } from '../host/teamsHost';
import { BoardSync, type FieldSnapshot } from './boardSync';
import { browserStorage, createDraftStore } from './drafts';

export const PROMPT_TEXT: Record<PromptId, string> = {
  energizing: 'What is energizing you?',
  draining: 'What is draining you?',
  support: 'What specific support would help this week?',
};

export type BoardLayout = 'panel' | 'wide';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    width: '100%',
    minWidth: 0,
  },
  wide: { maxWidth: '760px', marginInline: 'auto', padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}` },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  when: { whiteSpace: 'nowrap' },
  // Wraps under the date when long ("Offline — kept on this device") instead of squeezing it.
  saveState: { marginLeft: 'auto', textAlign: 'end' },
  card: { gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  prompt: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold },
  answer: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  notAnswered: { fontStyle: 'italic', color: tokens.colorNeutralForeground3, margin: 0 },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  label: { fontWeight: tokens.fontWeightSemibold },
  textarea: { width: '100%', minWidth: 0 },
  privacy: { color: tokens.colorNeutralForeground3 },
});

let boardReadyMarked = false;

export function Board({ session, board, layout, intro }: { session: Session; board: BoardView; layout: BoardLayout; intro?: ReactNode }) {
  const styles = useStyles();
  const [sync] = useState(
    () =>
      new BoardSync({
        board,
        api: session.api,
        drafts: createDraftStore(browserStorage(), board.viewer.userId, board.ref),
        isHidden: () => document.hidden,
      }),
  );
  useEffect(() => {
    sync.start();
    const retry = () => sync.retryNow();
    const onVisible = () => {
      if (!document.hidden) sync.retryNow();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      sync.stop();
    };
  }, [sync]);
  useEffect(() => {
    if (boardReadyMarked) return;
    boardReadyMarked = true;
    performance.mark('candor:board-ready');
    notifySuccess();
  }, []);

  const snap = useSyncExternalStore(sync.subscribe, sync.getSnapshot);
  const { viewer, participants, meeting } = snap.board;
  const other = viewer.role === 'manager' ? participants.report : participants.manager;
  const when = meeting ? formatMeetingDate(meeting.start, session.host.locale) : null;

  return (
    <main className={layout === 'wide' ? `${styles.root} ${styles.wide}` : styles.root} aria-label="1:1 board">
      <header className={styles.header}>
        <Text as="h1" weight="semibold" size={400} className={styles.name} title={other.displayName}>
          {other.displayName}
        </Text>
        <div className={styles.meta}>
          <Caption1 className={styles.when}>{when ? `1:1 · ${when}` : '1:1'}</Caption1>
          <Caption1 role="status" aria-live="polite" className={styles.saveState}>
            {snap.save.label}
          </Caption1>
        </div>
      </header>
      {intro}
      {PROMPT_IDS.map((prompt) => (
        <PromptCard
          key={prompt}
          prompt={prompt}
          role={viewer.role}
          answer={snap.fields[prompt]}
          note={snap.fields[`${prompt}Note`]}
          reportName={participants.report.displayName}
          managerName={participants.manager.displayName}
          sync={sync}
        />
      ))}
      <Caption1 className={styles.privacy}>
        Only {participants.manager.displayName} and {participants.report.displayName} can see this board.
      </Caption1>
    </main>
  );
}

function PromptCard(props: {
  prompt: PromptId;
  role: 'manager' | 'report';
  answer: FieldSnapshot;
  note: FieldSnapshot;
  reportName: string;
  managerName: string;
  sync: BoardSync;
}) {
  const { prompt, role, answer, note, sync } = props;
  const styles = useStyles();
  const promptId = useId();
  const answerLabelId = useId();
  const noteLabelId = useId();

  if (role === 'report') {
    return (
      <Card className={styles.card} appearance="filled-alternative">
        <EditableField field={answer} sync={sync} label={PROMPT_TEXT[prompt]} />
        {note.text.trim() !== '' && (
          <div className={styles.block}>
            <Caption1 id={noteLabelId} className={styles.label}>
              Shared note from {props.managerName}
            </Caption1>
            <Text as="p" className={styles.answer} aria-labelledby={noteLabelId}>
              {note.text}
            </Text>
          </div>
        )}
      </Card>
    );
  }

  return (
    <Card className={styles.card} appearance="filled-alternative">
      <h2 id={promptId} className={styles.prompt}>
        {PROMPT_TEXT[prompt]}
      </h2>
      <div className={styles.block}>
        <Caption1 id={answerLabelId} className={styles.label}>
          {props.reportName}’s answer
        </Caption1>
        {answer.text.trim() !== '' ? (
          <Text as="p" className={styles.answer} aria-labelledby={answerLabelId}>
            {answer.text}
          </Text>
        ) : (
          <Text as="p" className={styles.notAnswered}>
            Not answered yet
          </Text>
        )}
      </div>
      <EditableField field={note} sync={sync} label="Shared note" alsoLabelledBy={promptId} />
    </Card>
  );
}

/**
 * A labelled, autosaved textarea. `alsoLabelledBy` adds visible text to the accessible name, so the manager's
 * three "Shared note" boxes are announced as "Shared note, What is draining you?" and so on.
 */
function EditableField(props: { field: FieldSnapshot; sync: BoardSync; label: string; alsoLabelledBy?: string }) {
  const { field, sync, label, alsoLabelledBy } = props;
  const styles = useStyles();
  const labelId = useId();
  const id: TextFieldId = field.id;
  const failed = field.status === 'error' || field.status === 'retrying';
  return (
    <Field
      label={{ children: label, className: styles.label, id: labelId }}
      validationState={failed ? 'warning' : 'none'}
      validationMessage={failed ? `Not saved yet: ${field.error ?? 'try again'}. Your text is kept on this device.` : undefined}
    >
      <Textarea
        className={styles.textarea}
        resize="vertical"
        rows={3}
        maxLength={MAX_FIELD_TEXT_LENGTH}
        value={field.text}
        aria-labelledby={alsoLabelledBy ? `${labelId} ${alsoLabelledBy}` : undefined}
        onChange={(_e, data) => sync.edit(id, data.value)}
        onFocus={() => sync.focus(id)}
        onBlur={() => sync.blur(id)}
      />
    </Field>
  );
}

function formatMeetingDate(iso: string, locale: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date);
  } catch {
    return date.toLocaleString();
  }
}
