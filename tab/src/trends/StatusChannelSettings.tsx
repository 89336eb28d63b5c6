import { Body1, Card, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { StatusChannel, StatusChannelView } from '@candor/contract';
import { SaveState } from '../ui/SaveState';
import type { Session } from '../host/session';
import { formatDay } from '../ui/formatDate';
import { chatNoticeOf } from './statusChannelText';
import { useTrendStyles } from './styles';

const CHOICES: ReadonlyArray<{ value: StatusChannel; label: string }> = [
  { value: 'email', label: 'Email' },
  { value: 'chat', label: 'Teams chat (a card from Candor you answer in place)' },
  { value: 'both', label: 'Both' },
];

type Failure = { kind: 'http'; message: string } | { kind: 'network' } | { kind: 'conflict' };

function problemOf(failure: Failure): string {
  return failure.kind === 'http' ? failure.message : 'you seem to be offline. Try again in a moment.';
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; view: StatusChannelView; saving: boolean; error: string | null };

/**
 * Where the report's pre-meeting status requests arrive: email, Teams chat or both. Loaded lazily from "Your 1:1s", so neither it nor
 * its request is in the side panel's bundle. A change saves at once; a failed save shows the stored choice again.
 */
export default function StatusChannelSettings({ session }: { session: Session }) {
  const styles = useTrendStyles();
  const headingId = useId();
  const hintId = useId();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const latest = useRef(0);
  const locale = session.host.locale;
  const notice = state.kind === 'ready' ? chatNoticeOf(state.view, (iso) => formatDay(iso, locale)) : null;

  useEffect(() => {
    let live = true;
    void session.api.getStatusChannel().then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { kind: 'ready', view: result.value, saving: false, error: null }
          : { kind: 'failed', message: problemOf(result) },
      );
    });
    return () => {
      live = false;
    };
  }, [session]);

  const choose = useCallback(
    (channel: StatusChannel) => {
      const request = ++latest.current;
      setState((s) => (s.kind === 'ready' ? { ...s, view: { ...s.view, channel }, saving: true, error: null } : s));
      void session.api.saveStatusChannel({ channel }).then((result) => {
        if (request !== latest.current) return;
        setState((s) => {
          if (s.kind !== 'ready') return s;
          return result.ok
            ? { kind: 'ready', view: result.value, saving: false, error: null }
            : { ...s, saving: false, error: `Your choice was not saved: ${problemOf(result)}` };
        });
        // A failed save: read back what is stored, so the buttons never show a choice that is not in force.
        if (!result.ok) {
          void session.api.getStatusChannel().then((stored) => {
            if (stored.ok && request === latest.current)
              setState((s) => (s.kind === 'ready' ? { ...s, view: stored.value } : s));
          });
        }
      });
    },
    [session],
  );

  return (
    <Card className={styles.card} role="group" aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={500} weight="semibold" className={styles.heading}>
        Where status requests reach you
      </Text>
      <Body1 as="p" id={hintId}>
        Before each 1:1 Candor asks you for a short written status update. Your manager sees which way it reached you.
      </Body1>
      {state.kind === 'loading' ? (
        <Spinner size="tiny" label="Loading your choice…" />
      ) : state.kind === 'failed' ? (
        <MessageBar intent="error">
          <MessageBarBody>Your choice could not be loaded: {state.message}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <RadioGroup
            aria-labelledby={headingId}
            aria-describedby={hintId}
            value={state.view.channel}
            onChange={(_, data) => choose(data.value as StatusChannel)}
          >
            {CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} />
            ))}
          </RadioGroup>
          {notice ? (
            <MessageBar intent={state.view.chatUnavailable ? 'warning' : 'info'}>
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          ) : null}
          <SaveState error={state.error} saving={state.saving} />
        </>
      )}
    </Card>
  );
}
