import type { BoardView } from '@candor/contract';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useContext, useId, useState } from 'react';
import { formatDay } from '../ui/formatDate';
import { RECAP_TAG_TEXT } from './labels';
import { OpenEarlierBoard } from './earlierBoard';
import { recapMissingNote } from './recapMissing';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  // The border shows only in high contrast (the token is transparent elsewhere): a control is findable without colour.
  toggle: {
    justifyContent: 'flex-start',
    textAlign: 'start',
    minWidth: 0,
    paddingInline: tokens.spacingHorizontalXXS,
    fontWeight: tokens.fontWeightRegular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
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
  missing: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS },
});

/** The previous 1:1 that ended without a recap, in words, with the way to write it where the surface offers one. */
function RecapMissing({ board, locale }: { board: BoardView; locale: string }) {
  const styles = useStyles();
  const open = useContext(OpenEarlierBoard);
  const textId = useId();
  const note = recapMissingNote(board, locale);
  if (!note) return null;
  return (
    <div className={styles.missing}>
      <Caption1 id={textId}>{note.text}</Caption1>
      {open && (
        <Button size="small" aria-describedby={textId} onClick={() => open(note.ref)}>
          Write that recap
        </Button>
      )}
    </div>
  );
}

/** "Last time": the previous recap of the pair, one line until opened, with the count of open commitments. */
export function LastTime({ board, locale }: { board: BoardView; locale: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const openCount = board.commitments.filter((c) => c.status === 'open' && c.createdIn < board.ref.occurrenceId).length;
  const count =
    openCount === 0 ? 'no open commitments' : openCount === 1 ? '1 open commitment' : `${openCount} open commitments`;
  const last = board.lastTime;
  if (!last) {
    return (
      <section className={styles.root} aria-label="Last time">
        <Caption1 className={styles.muted}>
          Last time: no recap yet.{' '}
          {openCount > 0 ? `${count[0]?.toUpperCase()}${count.slice(1)}.` : 'You close each 1:1 with two lines.'}
        </Caption1>
        <RecapMissing board={board} locale={locale} />
      </section>
    );
  }
  const when = last.meetingStart ? formatDay(last.meetingStart, locale) : 'your last 1:1';
  return (
    <section className={styles.root} aria-label="Last time">
      <Button
        appearance="transparent"
        size="small"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {`${open ? '▾' : '▸'} Last time · ${when}${last.correction ? ' · Amended' : ''} · ${count}`}
      </Button>
      {open && (
        <ul id={panelId} className={styles.lines}>
          {last.lines.map((line, i) => (
            <li key={i} className={styles.line}>
              <Text>{line.text}</Text>
              <Caption1 className={styles.tags}>{line.tags.map((t) => RECAP_TAG_TEXT[t]).join(' · ')}</Caption1>
            </li>
          ))}
          {last.noBlocker ? <li className={styles.line}>No blocker this week.</li> : null}
        </ul>
      )}
      <RecapMissing board={board} locale={locale} />
    </section>
  );
}
