import { STATUS_FIELD_IDS, type BoardView, type StatusUpdate } from '@candor/contract';
import { Body1, Caption1, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Session } from '../boot';
import { formatSentAt } from '../board/formatDate';

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
type Load = { kind: 'loading' } | { kind: 'ready'; update: StatusUpdate | null; channel: RequestChannel | null } | { kind: 'failed'; message: string };

/** How the request reached the report (issue 10), in the words the manager reads under the update. */
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
      if (result.ok) setLoad({ kind: 'ready', update: result.value.update, channel: result.value.requestChannel ?? null });
      else setLoad({ kind: 'failed', message: result.kind === 'network' ? 'Candor could not be reached.' : result.kind === 'http' ? result.message : 'Unexpected answer.' });
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
      <Body1 className={styles.muted}>
        {board.viewer.role === 'manager'
          ? `No status update yet. ${report} gets an email before your 1:1 asking for one.`
          : 'You have not sent a status update for this 1:1 yet. Use the button in the email Candor sent you.'}
      </Body1>
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
    </div>
  );
}
