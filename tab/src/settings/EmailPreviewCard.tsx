import { Body1, Card, Field, MessageBar, MessageBarBody, Select, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { EnrolmentView, StatusEmailPreview } from '@candor/contract';
import type { Session } from '../host/session';
import { useTrendStyles } from '../trends/styles';
import { problemOf } from './useEnrolment';
import { useSettingsStyles } from './styles';

type Preview = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; email: StatusEmailPreview };

/**
 * The status email to one report exactly as it will be sent (the API composes it with the sender's own code). The
 * mail's HTML is shown in an iframe sandboxed to nothing: no script, no same origin, no navigation of this page.
 */
export function EmailPreviewCard({ session, view }: { session: Session; view: EnrolmentView }) {
  const trend = useTrendStyles();
  const styles = useSettingsStyles();
  const headingId = useId();
  const [reportId, setReportId] = useState(view.pairs[0]?.reportId ?? '');
  // The sender shows in the preview: read it again when the manager changes it.
  const key = `${reportId}|${String(view.sendFromMyMailbox)}`;
  const [loaded, setLoaded] = useState<{ key: string; preview: Preview } | null>(null);
  const preview: Preview = loaded?.key === key ? loaded.preview : { kind: 'loading' };

  useEffect(() => {
    if (!reportId) return;
    let live = true;
    void session.api.getStatusEmailPreview(reportId).then((result) => {
      if (!live) return;
      setLoaded({
        key,
        preview: result.ok ? { kind: 'ready', email: result.value } : { kind: 'failed', message: problemOf(result) },
      });
    });
    return () => {
      live = false;
    };
  }, [session, reportId, key]);

  if (view.pairs.length === 0) return null;
  return (
    <Card className={trend.card} role="group" aria-labelledby={headingId}>
      <Text as="h3" id={headingId} size={500} weight="semibold" className={trend.heading}>
        The email your report gets
      </Text>
      <Body1 as="p" className={trend.intro}>
        For your next 1:1 with them, or a sample time when none is in your calendar. Its button opens nothing here: the
        real email carries a link just for that report and that meeting.
      </Body1>
      <Field label="Preview the email to">
        <Select className={styles.select} value={reportId} onChange={(_, data) => setReportId(data.value)}>
          {view.pairs.map((p) => (
            <option key={p.reportId} value={p.reportId}>
              {p.displayName || p.reportId}
            </option>
          ))}
        </Select>
      </Field>
      <div aria-live="polite" aria-busy={preview.kind === 'loading'}>
        {preview.kind === 'loading' ? (
          <Spinner size="tiny" label="Composing the preview…" />
        ) : preview.kind === 'failed' ? (
          <MessageBar intent="error">
            <MessageBarBody>The preview could not be made: {preview.message}</MessageBarBody>
          </MessageBar>
        ) : (
          <>
            <dl className={styles.headers} aria-label="Email headers">
              <dt className={styles.term}>From</dt>
              <dd className={styles.detail}>{preview.email.from}</dd>
              <dt className={styles.term}>To</dt>
              <dd className={styles.detail}>{preview.email.to}</dd>
              <dt className={styles.term}>Subject</dt>
              <dd className={styles.detail}>{preview.email.subject}</dd>
            </dl>
            <iframe
              className={styles.preview}
              title={`Status email preview: ${preview.email.subject}`}
              sandbox=""
              referrerPolicy="no-referrer"
              srcDoc={preview.email.html}
            />
          </>
        )}
      </div>
    </Card>
  );
}
