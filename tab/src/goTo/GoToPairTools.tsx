import type { BoardView, PairGoToBank, PairGoToQuestion } from '@candor/contract';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiResult } from '../api/result';
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
  // What the caller may see of the pair's questions: the manager's bank and the asks, or the report's own asks.
  const [questions, setQuestions] = useState<readonly PairGoToQuestion[] | null>(null);

  const { managerId, reportId } = board.ref;
  useEffect(() => {
    let live = true;
    void session.api.getPairGoToQuestions({ managerId, reportId }).then((result) => {
      if (live) setQuestions(result.ok ? result.value.questions : []);
    });
    return () => {
      live = false;
    };
  }, [session, managerId, reportId]);

  const taken = new Set((questions ?? []).flatMap((q) => (q.libraryId ? [q.libraryId] : [])));
  const settle = (result: ApiResult<PairGoToBank, never>): string | null => {
    if (!result.ok) return failure(result);
    setQuestions(result.value.questions);
    return null;
  };
  const add = async (body: { libraryId: string } | { text: string }): Promise<string | null> =>
    settle(await session.api.addPairGoToQuestion({ managerId, reportId }, { id: crypto.randomUUID(), ...body }));
  const remove = async (questionId: string): Promise<string | null> =>
    settle(await session.api.removePairGoToQuestion({ managerId, reportId }, questionId));

  if (!isManager) return <AskMeThis asks={questions} onAsk={(text) => add({ text })} onRemove={remove} />;
  const offer = board.goToQuestion;
  // The report's asks are their words: the manager does not share them with the organization.
  const offered =
    offer.state === 'offered' &&
    questions !== null &&
    questions.find((q) => q.id === offer.questionId)?.source !== 'report'
      ? offer.text
      : null;
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
          <Exchange session={session} offered={offered} />
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
