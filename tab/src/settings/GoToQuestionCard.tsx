import { MAX_GO_TO_QUESTION_LENGTH, type GoToBank } from '@candor/contract';
import {
  Body1,
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { Exchange } from '../goTo/Exchange';
import { LibraryPicker } from '../goTo/LibraryPicker';
import type { Session } from '../host/session';
import { useTrendStyles } from '../trends/styles';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; bank: GoToBank; text: string; busy: boolean; note: { ok: boolean; text: string } | null };

/** The bank with its first question set to `text` (a new first question when the bank is empty). */
function withFirst(bank: GoToBank, text: string): GoToBank['questions'] {
  const [first, ...rest] = bank.questions;
  return first ? [{ ...first, text }, ...rest] : [{ id: crypto.randomUUID(), text }];
}

/**
 * The manager's first go-to question, saved into the go-to bank (the board's "Your go-to questions" edits all of
 * them). A change made on another device wins the race: it is shown, and nothing is overwritten silently.
 */
export function GoToQuestionCard({ session }: { session: Session }) {
  const trend = useTrendStyles();
  const headingId = useId();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [open, setOpen] = useState<'library' | 'exchange' | null>(null);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let live = true;
    void session.api.getGoToBank().then((result) => {
      if (!live) return;
      // Read again after an adoption: the bank is the server's, a first question being typed stays as typed.
      setState((s) =>
        result.ok
          ? {
              kind: 'ready',
              bank: result.value,
              text: s.kind === 'ready' && s.text.trim() ? s.text : (result.value.questions[0]?.text ?? ''),
              busy: false,
              note: null,
            }
          : s.kind === 'ready'
            ? s
            : { kind: 'failed', message: 'Your go-to questions could not be loaded. Try again in a moment.' },
      );
    });
    return () => {
      live = false;
    };
  }, [session, reads]);

  /** A library question joins the bank as the server has it; a first question being typed stays as typed. */
  const pick = async (libraryId: string): Promise<string | null> => {
    const result = await session.api.addMyGoToQuestion({ id: crypto.randomUUID(), libraryId });
    if (!result.ok) return result.kind === 'http' ? result.message : 'Candor cannot be reached right now; try again.';
    setState((s) =>
      s.kind === 'ready'
        ? {
            ...s,
            bank: result.value,
            text: s.text.trim() ? s.text : (result.value.questions[0]?.text ?? ''),
          }
        : s,
    );
    return null;
  };

  const save = async (bank: GoToBank, text: string): Promise<void> => {
    setState({ kind: 'ready', bank, text, busy: true, note: null });
    const result = await session.api.saveGoToBank({ questions: withFirst(bank, text), baseRevision: bank.revision });
    if (result.ok)
      return setState({ kind: 'ready', bank: result.value, text, busy: false, note: { ok: true, text: 'Saved.' } });
    if (result.kind === 'conflict') {
      const current = result.current;
      return setState({
        kind: 'ready',
        bank: current,
        text: current.questions[0]?.text ?? '',
        busy: false,
        note: {
          ok: false,
          text: 'Your questions changed on another device; that version is shown. Save again to change it.',
        },
      });
    }
    setState({
      kind: 'ready',
      bank,
      text,
      busy: false,
      note: {
        ok: false,
        text: result.kind === 'http' ? result.message : 'Candor cannot be reached right now; try again.',
      },
    });
  };

  return (
    <Card className={trend.card} role="group" aria-labelledby={headingId}>
      <Text as="h3" id={headingId} size={500} weight="semibold" className={trend.heading}>
        Your go-to question
      </Text>
      <Body1 as="p" className={trend.intro}>
        The question you like to ask in every 1:1. Candor offers one on the board each time; add more from Candor’s
        library or from questions shared in your organization, any time.
      </Body1>
      {state.kind === 'loading' ? (
        <Spinner size="tiny" label="Loading your questions…" />
      ) : state.kind === 'failed' ? (
        <MessageBar intent="error">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      ) : (
        <form
          className={trend.section}
          onSubmit={(e) => {
            e.preventDefault();
            if (state.text.trim()) void save(state.bank, state.text.trim());
          }}
        >
          <Field label="What is your go-to 1:1 question?">
            <Input
              value={state.text}
              maxLength={MAX_GO_TO_QUESTION_LENGTH}
              placeholder="What is one thing I could do to help you this week?"
              onChange={(_, data) => setState({ ...state, text: data.value, note: null })}
            />
          </Field>
          <div className={trend.actions}>
            <Button type="submit" appearance="primary" disabled={state.busy || !state.text.trim()}>
              Save question
            </Button>
          </div>
          <div role="status" aria-live="polite">
            {state.busy ? (
              <Body1>Saving…</Body1>
            ) : state.note ? (
              <MessageBar intent={state.note.ok ? 'success' : 'error'}>
                <MessageBarBody>{state.note.text}</MessageBarBody>
              </MessageBar>
            ) : null}
          </div>
        </form>
      )}
      {/* Outside the form: Enter in the library's search filters, it never saves the first question. */}
      {state.kind === 'ready' && open === null && (
        <div className={trend.actions}>
          <Button onClick={() => setOpen('library')}>Pick from the library</Button>
          <Button onClick={() => setOpen('exchange')}>Shared in your organization</Button>
        </div>
      )}
      {state.kind === 'ready' && open === 'library' && (
        <LibraryPicker
          session={session}
          taken={new Set(state.bank.questions.flatMap((q) => (q.libraryId ? [q.libraryId] : [])))}
          onPick={pick}
          onClose={() => setOpen(null)}
        />
      )}
      {state.kind === 'ready' && open === 'exchange' && (
        <>
          <Exchange
            session={session}
            offered={state.bank.questions[0]?.text ?? null}
            onAdopted={() => setReads((n) => n + 1)}
          />
          <div className={trend.actions}>
            <Button onClick={() => setOpen(null)}>Done</Button>
          </div>
        </>
      )}
    </Card>
  );
}
