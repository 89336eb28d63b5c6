import { MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useId } from 'react';
import { SaveState } from '../ui/SaveState';
import type { Session } from '../host/session';
import { EmailPreviewCard } from './EmailPreviewCard';
import { GoToQuestionCard } from './GoToQuestionCard';
import { OneOnOneHelpCard } from './OneOnOneHelpCard';
import { ReportSettings } from './ReportSettings';
import { readOnlyReason } from './settingsModel';
import { StatusRequestsCard } from './StatusRequestsCard';
import { useSettingsStyles } from './styles';
import { useEnrolment } from './useEnrolment';

/**
 * The person's settings, opened from Home: a manager turns status requests on, sets lead times and sender, sees the
 * email as it will be sent, lets Candor join their 1:1s and prep them, and names a go-to question; as a report,
 * everyone chooses how requests reach them and what their manager sees. Every choice saves at once.
 */
export default function SettingsSurface({ session }: { session: Session }) {
  const styles = useSettingsStyles();
  const enrolment = useEnrolment(session);
  return (
    <main className={styles.page}>
      <Text as="h1" size={700} weight="semibold">
        Settings
      </Text>
      <ManagerSettings session={session} {...enrolment} />
      <ReportSettings session={session} />
    </main>
  );
}

function ManagerSettings({
  session,
  state,
  change,
  changePair,
}: { session: Session } & ReturnType<typeof useEnrolment>) {
  const styles = useSettingsStyles();
  const headingId = useId();
  if (state.kind === 'notManager') return null;
  const readOnly = state.kind === 'ready' ? readOnlyReason(state.view) : null;
  return (
    <section className={styles.part} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={600} weight="semibold">
        Your 1:1s with your reports
      </Text>
      {state.kind === 'loading' ? (
        <Spinner size="tiny" label="Loading your settings…" />
      ) : state.kind === 'failed' ? (
        <MessageBar intent="error">
          <MessageBarBody>Your settings could not be loaded: {state.message}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {readOnly ? (
            <MessageBar intent="info">
              <MessageBarBody>{readOnly}</MessageBarBody>
            </MessageBar>
          ) : null}
          <StatusRequestsCard view={state.view} readOnly={readOnly !== null} change={change} changePair={changePair} />
          <EmailPreviewCard session={session} view={state.view} />
          <OneOnOneHelpCard view={state.view} readOnly={readOnly !== null} change={change} />
          <SaveState
            error={state.error}
            saving={state.saving}
            savedText={state.saved ? 'Your choices are saved.' : null}
          />
          <GoToQuestionCard session={session} />
        </>
      )}
    </section>
  );
}
