import { STATUS_FIELD_IDS, type BoardView, type StatusAvailability, type StatusUpdate } from '@candor/contract';
import { Body1, Caption1, Link, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Session } from '../host/session';
import { formatSentAt } from './formatDate';

/** The four parts' headings as the reader of the update sees them (the report wrote them in the status form). */
export const STATUS_HEADINGS = {
  finished: 'Finished',
  inProgress: 'In progress',
  blocked: 'Blocked',
  fyi: 'FYI',
} as const;

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  empty: { fontStyle: 'italic', color: tokens.colorNeutralForeground3, margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

type RequestChannel = 'email' | 'chat' | 'both';
type Ready = {
  kind: 'ready';
  update: StatusUpdate | null;
  channel: RequestChannel | null;
  availability: StatusAvailability | null;
  formUrl: string | null;
};
type Load = { kind: 'loading' } | Ready | { kind: 'failed'; message: string };

/** How the request reached the report (email, Teams chat or both), in the words the manager reads under the update. */
const CHANNEL_WORDS: Record<RequestChannel, string> = {
  email: 'Asked by email',
  chat: 'Asked in Teams chat',
  both: 'Asked by email and in Teams chat',
};

/** Loads and shows the report's status update for the board's occurrence (read-only for both people). */
export function StatusUpdateView({ session, board }: { session: Session; board: BoardView }) {
  const styles = useStyles();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    void session.api.getStatusUpdate(board.ref).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        const { update, requestChannel, availability, formUrl } = result.value;
        setLoad({
          kind: 'ready',
          update,
          channel: requestChannel ?? null,
          availability: availability ?? null,
          formUrl: formUrl ?? null,
        });
      } else
        setLoad({
          kind: 'failed',
          message:
            result.kind === 'network'
              ? 'Candor could not be reached.'
              : result.kind === 'http'
                ? result.message
                : 'Unexpected answer.',
        });
    });
    return () => {
      cancelled = true;
    };
  }, [session, board.ref]);

  const report = board.participants.report.displayName;
  if (load.kind === 'loading') return <Spinner size="small" label="Loading the status update…" />;
  if (load.kind === 'failed') return <Body1>The status update could not be loaded: {load.message}</Body1>;
  if (!load.update) {
    return (
      <div className={styles.list}>
        <Body1 className={styles.muted}>
          {board.viewer.role === 'manager' ? managerWords(report, load.availability) : reportWords(load)}
        </Body1>
        {board.viewer.role === 'report' && load.formUrl ? (
          <FormLink url={load.formUrl} text="Write your status update" />
        ) : null}
      </div>
    );
  }
  const { update } = load;
  return (
    <div className={styles.list}>
      {STATUS_FIELD_IDS.map((id) => (
        <section key={id} aria-label={STATUS_HEADINGS[id]}>
          <Text as="h3" weight="semibold" size={300} block>
            {STATUS_HEADINGS[id]}
          </Text>
          {update.fields[id].trim() ? (
            <Text as="p" className={styles.text}>
              {update.fields[id]}
            </Text>
          ) : (
            <Text as="p" className={styles.empty}>
              Nothing written
            </Text>
          )}
        </section>
      ))}
      <Caption1 className={styles.muted}>
        Sent {formatSentAt(update.updatedAt, session.host.locale)}
        {load.channel ? ` · ${CHANNEL_WORDS[load.channel]}` : ''}
      </Caption1>
      {board.viewer.role === 'report' && load.formUrl ? (
        <FormLink url={load.formUrl} text="Edit your status update" />
      ) : null}
    </div>
  );
}

/** Said to the manager when nothing was sent: what will still happen, never a promise the clock has already broken. */
function managerWords(report: string, availability: StatusAvailability | null): string {
  switch (availability) {
    case 'started':
      return `${report} did not send a status update for this 1:1.`;
    case 'open':
      return `No status update yet. ${report} has been asked and can send one until your 1:1 starts.`;
    case 'notRequested':
      return `No status update yet. ${report} is asked for one before your 1:1.`;
    case 'requestsOff':
      return `Status requests are off for your 1:1s, so ${report} is not asked for an update.`;
    default:
      return 'No status update yet.';
  }
}

/** Said to the report when nothing was sent: where to write it, or why there is nothing to write. */
function reportWords(load: Ready): string {
  switch (load.availability) {
    case 'started':
      return 'Your 1:1 has started, so a status update can no longer be sent. Bring anything new to the conversation.';
    case 'open':
      return load.formUrl
        ? 'You have not sent a status update for this 1:1 yet. You can send one until the 1:1 starts.'
        : 'You have not sent a status update for this 1:1 yet. Open the status request Candor sent you to write one.';
    case 'notRequested':
      return 'No status request has been made for this 1:1 yet. Candor asks you before you meet.';
    case 'requestsOff':
      return 'Status requests are off for this 1:1, so there is no update to send.';
    default:
      return 'You have not sent a status update for this 1:1 yet.';
  }
}

/** The report's own form, in a new browser tab: it works there without a sign-in (its link is its credential). */
function FormLink({ url, text }: { url: string; text: string }) {
  return (
    <Link href={url} target="_blank" rel="noopener noreferrer">
      {text}
    </Link>
  );
}
