import {
  Body1,
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { Session } from '../host/session';
import { useTrendStyles } from './styles';

/** What the person deletes: a report their answers, a manager their notes (PRIVACY.md says what each covers). */
export type DataRole = 'report' | 'manager';

const WORDS: Record<DataRole, { button: string; title: string; body: string; done: string }> = {
  report: {
    button: 'Delete my answers',
    title: 'Delete your answers?',
    body: 'This clears your answers, ratings and career goal on every board of your 1:1s, and deletes your status updates and private notes. Recap lines and commitments stay, because you wrote them together. It cannot be undone.',
    done: 'Your answers are deleted, and your trends no longer count them.',
  },
  manager: {
    button: 'Delete my notes',
    title: 'Delete your notes?',
    body: 'This clears your shared notes and recognitions on every board of your 1:1s, and deletes your private notes. Recap lines and commitments stay, because you wrote them together. It cannot be undone.',
    done: 'Your notes are deleted.',
  },
};

type Outcome =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string };

/**
 * "Your data": download everything Candor keeps that is yours, as JSON, and delete your part. Loaded lazily
 * from the trend tab, never in the side panel's bundle.
 */
export default function YourDataCard({ session, role }: { session: Session; role: DataRole }) {
  const styles = useTrendStyles();
  const headingId = useId();
  const words = WORDS[role];
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [download, setDownload] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);

  const exportData = async (): Promise<void> => {
    setOutcome({ kind: 'busy' });
    const result = await session.api.exportMyData();
    if (!result.ok)
      return setOutcome({ kind: 'failed', message: 'Your data could not be gathered. Try again in a moment.' });
    if (download) URL.revokeObjectURL(download);
    setDownload(URL.createObjectURL(new Blob([JSON.stringify(result.value, null, 2)], { type: 'application/json' })));
    setOutcome({ kind: 'done', message: 'Your data is ready: use the link to save it.' });
  };

  const deleteData = async (): Promise<void> => {
    setOutcome({ kind: 'busy' });
    const result = role === 'report' ? await session.api.deleteMyAnswers() : await session.api.deleteMyNotes();
    setOutcome(
      result.ok
        ? { kind: 'done', message: words.done }
        : { kind: 'failed', message: 'Nothing was deleted this time. Try again in a moment.' },
    );
  };

  return (
    <Card className={styles.card} role="group" aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={500} weight="semibold" className={styles.heading}>
        Your data
      </Text>
      <Body1 as="p">Download everything Candor keeps that is yours, or delete your part of your 1:1s.</Body1>
      <div className={styles.actions}>
        <Button onClick={() => void exportData()} disabled={outcome.kind === 'busy'}>
          Prepare my data
        </Button>
        {download ? (
          <a href={download} download="candor-my-data.json">
            Save my data (JSON)
          </a>
        ) : null}
        <Button ref={askButton} disabled={outcome.kind === 'busy'} onClick={() => setAsking(true)}>
          {words.button}
        </Button>
        {/*
          Mounted only while asking: a mounted Dialog, even closed, starts Fluent's focus-trap layer, which puts
          focusable aria-hidden sentinels at the page's edges for as long as the page lives.
        */}
        {asking ? (
          <Dialog
            modalType="alert"
            open
            onOpenChange={(_e, data) => {
              if (data.open) return;
              setAsking(false);
              askButton.current?.focus();
            }}
          >
            <DialogSurface>
              <DialogBody>
                <DialogTitle>{words.title}</DialogTitle>
                <DialogContent>{words.body}</DialogContent>
                <DialogActions>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="secondary">Keep everything</Button>
                  </DialogTrigger>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="primary" onClick={() => void deleteData()}>
                      {words.button}
                    </Button>
                  </DialogTrigger>
                </DialogActions>
              </DialogBody>
            </DialogSurface>
          </Dialog>
        ) : null}
      </div>
      <div role="status" aria-live="polite">
        {outcome.kind === 'done' ? (
          <MessageBar intent="success">
            <MessageBarBody>{outcome.message}</MessageBarBody>
          </MessageBar>
        ) : outcome.kind === 'failed' ? (
          <MessageBar intent="error">
            <MessageBarBody>{outcome.message}</MessageBarBody>
          </MessageBar>
        ) : outcome.kind === 'busy' ? (
          <Body1>Working…</Body1>
        ) : null}
      </div>
    </Card>
  );
}
