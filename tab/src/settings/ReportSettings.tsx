import { MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { TrendSharing } from '@candor/contract';
import type { Session } from '../host/session';
import { SharingCard } from '../trends/SharingCard';
import StatusChannelSettings from '../trends/StatusChannelSettings';
import { problemOf } from './useEnrolment';
import { useSettingsStyles } from './styles';

const noRefresh = (): void => undefined;

/** The report's part: how the status request reaches them, and what their manager sees (the Trends tab's own cards). */
export function ReportSettings({ session }: { session: Session }) {
  const styles = useSettingsStyles();
  const headingId = useId();
  const [sharing, setSharing] = useState<{ kind: 'loading' } | { kind: 'failed'; message: string } | TrendSharing>({
    kind: 'loading',
  });

  useEffect(() => {
    let live = true;
    void session.api.getTrendSharing().then((result) => {
      if (live) setSharing(result.ok ? result.value.sharing : { kind: 'failed', message: problemOf(result) });
    });
    return () => {
      live = false;
    };
  }, [session]);

  return (
    <section className={styles.part} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={600} weight="semibold">
        When your manager meets you
      </Text>
      <StatusChannelSettings session={session} />
      {'kind' in sharing ? (
        sharing.kind === 'loading' ? (
          <Spinner size="tiny" label="Loading what you share…" />
        ) : (
          <MessageBar intent="error">
            <MessageBarBody>What you share could not be loaded: {sharing.message}</MessageBarBody>
          </MessageBar>
        )
      ) : (
        <SharingCard session={session} initial={sharing} refresh={noRefresh} />
      )}
    </section>
  );
}
