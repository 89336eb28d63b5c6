import type { BoardView } from '@candor/contract';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Session } from '../host/session';
import { AskMeThis } from './AskMeThis';
import { Exchange } from './Exchange';
import { LibraryPicker } from './LibraryPicker';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

const failure = (result: { kind: string; message?: string }) =>
  result.kind === 'http' && result.message ? result.message : 'Candor cannot be reached right now; try again.';

/**
 * The go-to section's tools beyond this meeting's question: the manager picks from the library (first thing when
 * the pair has none) and browses the organization's shared questions; the report asks to be asked something.
 */
export function GoToPairTools({ session, board }: { session: Session; board: BoardView }) {
  const styles = useStyles();
  const isManager = board.viewer.role === 'manager';
  const empty = board.goToQuestion.state === 'noQuestions';
  const [open, setOpen] = useState<'library' | 'exchange' | null>(null);
  const [taken, setTaken] = useState<ReadonlySet<string>>(new Set());

  const { managerId, reportId } = board.ref;
  useEffect(() => {
    if (!isManager) return;
    let live = true;
    void session.api.getPairGoToQuestions({ managerId, reportId }).then((result) => {
      if (live && result.ok)
        setTaken(new Set(result.value.questions.flatMap((q) => (q.libraryId ? [q.libraryId] : []))));
    });
    return () => {
      live = false;
    };
  }, [session, isManager, managerId, reportId]);

  const add = async (body: { libraryId: string } | { text: string }): Promise<string | null> => {
    const result = await session.api.addPairGoToQuestion({ managerId, reportId }, { id: crypto.randomUUID(), ...body });
    return result.ok ? null : failure(result);
  };

  if (!isManager) return <AskMeThis onAsk={(text) => add({ text })} />;
  return (
    <>
      {empty && open === null && (
        <Caption1 className={styles.muted}>Start with a few questions from Candor’s library.</Caption1>
      )}
      {open === 'library' ? (
        <LibraryPicker
          session={session}
          taken={taken}
          onPick={(libraryId) => add({ libraryId })}
          onClose={() => setOpen(null)}
        />
      ) : open === 'exchange' ? (
        <>
          <Exchange
            session={session}
            offered={board.goToQuestion.state === 'offered' ? board.goToQuestion.text : null}
          />
          <Button size="small" onClick={() => setOpen(null)}>
            Done
          </Button>
        </>
      ) : (
        <div className={styles.row}>
          <Button size="small" appearance={empty ? 'primary' : 'secondary'} onClick={() => setOpen('library')}>
            Pick from the library
          </Button>
          <Button size="small" onClick={() => setOpen('exchange')}>
            Shared in your organization
          </Button>
        </div>
      )}
    </>
  );
}
