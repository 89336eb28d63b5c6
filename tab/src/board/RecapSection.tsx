import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { BoardSnapshot } from './boardSync';
import { RECAP_TAG_TEXT } from './labels';

// The composer is used once per meeting, at the end: it loads when asked for.
const RecapComposer = lazy(() => import('./RecapComposer'));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  lines: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  line: { overflowWrap: 'anywhere' },
  tags: { display: 'block', color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
  start: { alignSelf: 'flex-start' },
  // An open board's status region is empty and out of the way until the close arrives.
  waiting: { ':empty': { display: 'none' } },
  closed: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

const MAIL_WORDS = {
  sent: 'Emailed to you both.',
  pending: 'Sending the email to you both…',
  failed: 'Saved, but the email could not be sent. The recap stays here and shows up next time.',
} as const;

/** The email's state in the notice at the top, in other words than the recap's own line at the bottom. */
const NOTICE_MAIL_WORDS = {
  sent: 'The recap is in both your inboxes.',
  pending: 'The recap is on its way to you both.',
  failed: 'The recap email could not be sent.',
} as const;

/**
 * At the top of a closed board, so neither person types into a 1:1 that is over before finding out at the bottom.
 * A status region: the other person's close arrives by polling and is announced.
 */
export function ClosedNotice({ snap }: { snap: BoardSnapshot }) {
  const styles = useStyles();
  const recap = snap.board.recap;
  return (
    <div role="status" className={recap ? styles.closed : styles.waiting}>
      {recap ? (
        <>
          <Text weight="semibold">This 1:1 is closed</Text>
          <Caption1>{`${NOTICE_MAIL_WORDS[recap.mail]} Answers are read-only now; the recap is at the end.`}</Caption1>
        </>
      ) : null}
    </div>
  );
}

/**
 * The close: "Close with a recap" opens the composer; once saved, the recap and where its email is. After the 1:1
 * ended the board leads with it, worded as what is left to do.
 */
export function RecapSection({
  snap,
  label = 'Close with a recap',
}: {
  snap: BoardSnapshot;
  label?: 'Close with a recap' | 'Write the recap';
}) {
  const styles = useStyles();
  const [composing, setComposing] = useState(false);
  // Its own switch: the close that just happened (composing) must not open the correction form.
  const [correcting, setCorrecting] = useState(false);
  const recap = snap.board.recap;
  if (recap && correcting) {
    const current = {
      lines: recap.lines,
      noBlocker: recap.noBlocker ?? false,
      version: recap.correction?.version ?? 1,
    };
    return (
      <Suspense fallback={null}>
        <RecapComposer onCancel={() => setCorrecting(false)} meetingEnd={null} correcting={current} />
      </Suspense>
    );
  }
  if (recap) {
    // The service's clock decides: the view names the end of the 24 hours only while they last.
    const correctable = recap.correctableUntil !== undefined;
    return (
      <section className={styles.root} aria-labelledby="recap-heading">
        <h2 id="recap-heading" className={styles.heading}>
          {recap.correction
            ? `Closed with a recap · Amended (version ${recap.correction.version})`
            : 'Closed with a recap'}
        </h2>
        {recap.noBlocker ? <Text>No blocker this week.</Text> : null}
        <ul className={styles.lines}>
          {recap.lines.map((line, i) => (
            <li key={i} className={styles.line}>
              <Text>{line.text}</Text>
              <Caption1 className={styles.tags}>{line.tags.map((t) => RECAP_TAG_TEXT[t]).join(' · ')}</Caption1>
            </li>
          ))}
        </ul>
        <Caption1 className={styles.muted}>
          {MAIL_WORDS[recap.mail]} The answers of this 1:1 are read-only now; your private notes are not.
        </Caption1>
        {correctable ? (
          <Button className={styles.start} onClick={() => setCorrecting(true)}>
            Correct the recap
          </Button>
        ) : null}
      </section>
    );
  }
  if (!composing) {
    return (
      <Button appearance="primary" onClick={() => setComposing(true)}>
        {label}
      </Button>
    );
  }
  return (
    <Suspense fallback={null}>
      <RecapComposer onCancel={() => setComposing(false)} meetingEnd={snap.board.meeting?.end ?? null} />
    </Suspense>
  );
}
