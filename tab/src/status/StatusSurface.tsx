import {
  MAX_STATUS_FIELD_LENGTH,
  STATUS_FIELD_IDS,
  type StatusFieldId,
  type StatusFields,
  type StatusFormView,
} from '@candor/contract';
import {
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { DraftKeeper, UNKEPT_NOTE } from '../api/draftsClient';
import { browserStorage } from '../host/browserStorage';
import { Notice } from '../ui/Notice';
import { formatMeetingDate } from '../ui/formatDate';
import { apiBaseUrl, extraValidOrigins } from '../host/pageConfig';
import { getContext, initializeHost, isFramed, notifySuccess, registerOnThemeChangeHandler } from '../host/teamsHost';
import type { ThemeStore } from '../host/themeStore';
import { ClashNotice, type Clashes, clashesOf } from './StatusClash';
import {
  baseOf,
  changedParts,
  createStatusDraftStore,
  EMPTY_STATUS,
  linkSubject,
  rebase,
  sameStatus,
  statusDeviceDrafts,
  statusDraftKey,
  statusDraftOf,
  statusFormServerDrafts,
  type StatusBase,
  type StatusDraft,
} from './statusDraft';
import { createStatusFormApi, type FormFailure } from './statusFormApi';
import { connectStatusHost, statusLinkToken, type StatusHost } from './statusHost';

export const STATUS_LABELS: Record<StatusFieldId, { label: string; hint: string }> = {
  finished: { label: 'What did you finish?', hint: 'Shipped, decided, closed since your last 1:1.' },
  inProgress: { label: 'What is in progress?', hint: 'What you are on now, and roughly where it stands.' },
  blocked: { label: 'What is blocked?', hint: 'Anything waiting on someone or something.' },
  fyi: { label: 'Anything else to know (FYI)?', hint: 'Heads-ups, dates, small wins.' },
};

const useStyles = makeStyles({
  page: {
    maxWidth: '640px',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    boxSizing: 'border-box',
  },
  intro: { color: tokens.colorNeutralForeground2, margin: `${tokens.spacingVerticalS} 0 0` },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  textarea: { width: '100%' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  saved: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  empty: { fontStyle: 'italic', color: tokens.colorNeutralForeground3, margin: 0 },
});

type Load = { kind: 'loading' } | { kind: 'failed'; failure: FormFailure } | { kind: 'ready'; view: StatusFormView };
const INCOMPLETE_LINK: Load = { kind: 'failed', failure: { kind: 'invalid', message: 'This link is incomplete.' } };
type Save = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

/** teams-js behind the form's one question: is a host framing it, and what does it say. */
const statusHostPort = {
  framed: isFramed(),
  initialize: (timeoutMs: number) => initializeHost(extraValidOrigins(), timeoutMs),
  getContext,
};

/**
 * The status form a report opens from the pre-meeting email (`?surface=status&token=…`) in any browser, or framed
 * by Outlook, Microsoft 365 or Teams. The link token is its only credential: it never needs a meeting, a chat or a
 * sign-in from the host, which only lends its theme (and a deep link's sub-page id when the URL has no token).
 */
export default function StatusSurface({ theme }: { theme: ThemeStore }) {
  const styles = useStyles();
  const urlToken = useMemo(() => statusLinkToken(location.search, null), []);
  const [host, setHost] = useState<StatusHost | null>(null);
  // With a token in the URL the form loads at once, in parallel with the host handshake; without one it waits for
  // the host (a top-level page answers at once), whose deep link may carry it.
  const token = urlToken || (host ? statusLinkToken(location.search, host.hosted ? host.subPageId : null) : null);
  const api = useMemo(() => createStatusFormApi({ baseUrl: apiBaseUrl(), token: token ?? '' }), [token]);
  const subject = useMemo(() => linkSubject(token ?? ''), [token]);
  // What the report types is kept as their server draft (under the same link token), the device as its cache.
  const drafts = useMemo(
    () =>
      new DraftKeeper({
        server: statusFormServerDrafts({ baseUrl: apiBaseUrl(), token: token ?? '' }),
        device: statusDeviceDrafts(
          createStatusDraftStore(
            browserStorage(),
            statusDraftKey(subject?.reportId ?? 'unknown', subject?.occurrenceId ?? 'unknown'),
          ),
        ),
      }),
    [subject, token],
  );
  const keep = useSyncExternalStore(drafts.subscribe, drafts.getState);
  useEffect(() => {
    const onPageHide = () => drafts.flush();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      drafts.dispose();
    };
  }, [drafts]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [fields, setFields] = useState<StatusFields>(EMPTY_STATUS);
  // What the text in the form was typed against: a save sends only the parts that differ from it.
  const [base, setBase] = useState<StatusBase>(baseOf(null));
  const [clashes, setClashes] = useState<Clashes>({});
  const [restored, setRestored] = useState(false);
  const [save, setSave] = useState<Save>({ kind: 'idle' });

  useEffect(() => {
    let cancelled = false;
    void connectStatusHost(statusHostPort).then((connected) => {
      if (cancelled) return;
      if (connected.hosted) {
        theme.set(connected.theme);
        registerOnThemeChangeHandler(theme.set);
      }
      setHost(connected);
    });
    return () => {
      cancelled = true;
    };
  }, [theme]);

  // A link whose token is blank has nothing to load: its problem is known as soon as the token is.
  const shown: Load = token === '' ? INCOMPLETE_LINK : load;
  const settled = shown.kind !== 'loading';
  const hosted = host?.hosted === true;
  useEffect(() => {
    // Hides the host's loading indicator once there is something to read (the form or why there is none).
    if (settled && hosted) notifySuccess();
  }, [settled, hosted]);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    void Promise.all([api.load(), drafts.restore()]).then(([result, kept]) => {
      if (cancelled) return;
      if (!result.ok) {
        setLoad({ kind: 'failed', failure: result });
        return;
      }
      const stored = result.value.update;
      // The newer of the server draft and this device's copy (a cleared or denied storage loses nothing).
      const draft = kept ? statusDraftOf(kept.value) : null;
      // A kept draft meets what is stored now: untouched parts take it, a part changed on both sides shows both.
      const rebased = draft && result.value.editable ? rebase(draft, stored) : null;
      const useDraft = rebased !== null && !sameStatus(rebased.draft.fields, stored?.fields ?? EMPTY_STATUS);
      setFields(useDraft ? rebased.draft.fields : (stored?.fields ?? EMPTY_STATUS));
      setBase(baseOf(stored));
      setClashes(
        useDraft
          ? clashesOf(
              rebased.clashes.map((part) => ({ part, changedIn: null })),
              stored,
            )
          : {},
      );
      setRestored(useDraft);
      setLoad({ kind: 'ready', view: result.value });
    });
    return () => {
      cancelled = true;
    };
  }, [api, drafts, token]);

  if (shown.kind === 'loading') return <Spinner label="Opening your status update…" style={{ marginTop: 48 }} />;
  if (shown.kind === 'failed') return <LinkProblem failure={shown.failure} />;

  const { view } = shown;
  const manager = view.manager.displayName || 'your manager';
  const until = formatWhen(view.editableUntil);
  const edit = (id: StatusFieldId, text: string): void => {
    const next = { ...fields, [id]: text };
    setFields(next);
    drafts.change({ fields: next, base } satisfies StatusDraft);
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
  };
  const settle = (id: StatusFieldId, keep: 'mine' | 'saved'): void => {
    const stored = clashes[id]?.stored;
    if (keep === 'saved' && stored !== undefined) edit(id, stored);
    setClashes((open) => {
      const rest = { ...open };
      delete rest[id];
      return rest;
    });
  };
  const submit = async (): Promise<void> => {
    setSave({ kind: 'saving' });
    const typed = { fields, base };
    drafts.flush();
    const result = await api.save({ baseRevision: base.revision, ...changedParts(typed) });
    if (result.ok) {
      drafts.clear();
      setRestored(false);
      // The answer is the whole update: the parts sent, and any part another surface changed meanwhile.
      setFields(result.value.fields);
      setBase(baseOf(result.value));
      setClashes({});
      setLoad({ kind: 'ready', view: { ...view, update: result.value } });
      setSave({ kind: 'saved', at: result.value.updatedAt });
      return;
    }
    if (result.kind === 'conflict') {
      // Nothing was saved. The person's text stays in the form (and in the draft), next to what is stored now.
      const rebased = rebase(typed, result.current);
      setFields(rebased.draft.fields);
      setBase(rebased.draft.base);
      setClashes(clashesOf(result.parts, result.current));
      drafts.change(rebased.draft);
      setLoad({ kind: 'ready', view: { ...view, update: result.current } });
    }
    if (result.kind === 'closed') setLoad({ kind: 'ready', view: { ...view, editable: false } });
    setSave({ kind: 'failed', message: failureText(result) });
  };

  return (
    <main className={styles.page} aria-labelledby="status-title">
      <header>
        <Text as="h1" id="status-title" size={600} weight="semibold" block>
          Your status update for {manager}
        </Text>
        <Body1 as="p" className={styles.intro}>
          Before your 1:1 on {formatWhen(view.meeting.start)} (“{view.meeting.subject}”). {manager} reads it beforehand,
          so your time together goes to how you are doing and what would help. Every part is optional.
        </Body1>
      </header>
      {!view.editable ? (
        <>
          <MessageBar intent="info">
            <MessageBarBody>
              <MessageBarTitle>Your 1:1 has started</MessageBarTitle>
              This update can no longer be changed. Here is what {manager} sees.
            </MessageBarBody>
          </MessageBar>
          {STATUS_FIELD_IDS.map((id) => (
            <section key={id} aria-labelledby={`saved-${id}`}>
              <Text as="h2" id={`saved-${id}`} weight="semibold" size={300}>
                {STATUS_LABELS[id].label}
              </Text>
              {view.update?.fields[id] ? (
                <Text as="p" className={styles.saved}>
                  {view.update.fields[id]}
                </Text>
              ) : (
                <Text as="p" className={styles.empty}>
                  Nothing written
                </Text>
              )}
            </section>
          ))}
        </>
      ) : (
        <form
          className={styles.form}
          onBlur={() => drafts.flush()}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {restored && (
            <MessageBar intent="info">
              <MessageBarBody>Restored what you typed earlier. It is not sent yet.</MessageBarBody>
            </MessageBar>
          )}
          {STATUS_FIELD_IDS.map((id) => (
            <div key={id}>
              <Field
                label={STATUS_LABELS[id].label}
                hint={`${STATUS_LABELS[id].hint} ${fields[id].length}/${MAX_STATUS_FIELD_LENGTH}`}
              >
                <Textarea
                  className={styles.textarea}
                  name={id}
                  resize="vertical"
                  rows={4}
                  maxLength={MAX_STATUS_FIELD_LENGTH}
                  value={fields[id]}
                  onChange={(_event, data) => edit(id, data.value)}
                  {...(clashes[id] ? { 'aria-describedby': `clash-${id}` } : {})}
                />
              </Field>
              {clashes[id] && (
                <ClashNotice
                  id={`clash-${id}`}
                  clash={clashes[id]}
                  label={STATUS_LABELS[id].label}
                  onKeepMine={() => settle(id, 'mine')}
                  onUseSaved={() => settle(id, 'saved')}
                />
              )}
            </div>
          ))}
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={save.kind === 'saving'}>
              {view.update ? 'Save changes' : `Send to ${manager}`}
            </Button>
            {keep === 'unkept' && <Caption1 role="status">{UNKEPT_NOTE}</Caption1>}
            <Caption1 role="status" aria-live="polite">
              {save.kind === 'saving'
                ? 'Sending…'
                : save.kind === 'saved'
                  ? `Sent. ${manager} will read it before your 1:1. You can change it until ${until}.`
                  : view.update
                    ? `Last sent ${formatWhen(view.update.updatedAt)}. You can change it until ${until}.`
                    : `You can change it until ${until}.`}
            </Caption1>
          </div>
          {save.kind === 'failed' && (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>Not sent</MessageBarTitle>
                {save.message} What you typed is kept as your draft.
              </MessageBarBody>
            </MessageBar>
          )}
        </form>
      )}
    </main>
  );
}

function LinkProblem({ failure }: { failure: FormFailure }) {
  switch (failure.kind) {
    case 'expired':
      return (
        <Notice title="This link has expired">
          Status updates close when the 1:1 starts. If your 1:1 was moved, look for a newer email from Candor.
        </Notice>
      );
    case 'invalid':
    case 'rejected':
      return (
        <Notice title="This link doesn’t work">
          It may be incomplete or changed. Open the most recent email from Candor about your 1:1 and use its button.
        </Notice>
      );
    case 'notFound':
      return <Notice title="This 1:1 is not known any more">{failure.message}</Notice>;
    case 'closed':
      return <Notice title="Your 1:1 has started">{failure.message}</Notice>;
    case 'network':
      return <Notice title="Can’t reach Candor">Check your connection and reload this page.</Notice>;
    case 'server':
    case 'conflict':
      return <Notice title="Something went wrong">Reload this page in a moment. ({failure.message})</Notice>;
  }
}

function failureText(failure: FormFailure): string {
  switch (failure.kind) {
    case 'network':
      return 'Candor could not be reached. Check your connection and send again.';
    case 'expired':
      return 'This link has expired.';
    case 'closed':
      return failure.message;
    case 'conflict':
      return failure.parts.length === 1
        ? 'One part changed since you opened this form, so nothing was sent. Choose what to keep below, then send again.'
        : 'Some parts changed since you opened this form, so nothing was sent. Choose what to keep below, then send again.';
    default:
      return `${failure.message}`;
  }
}

/** The shared formatter's words, zone named (the report and the manager may sit in different zones). */
function formatWhen(iso: string): string {
  // The form often opens in a plain browser from the email, without a host context: the browser's language.
  return formatMeetingDate(iso, navigator.language || 'en-US');
}
