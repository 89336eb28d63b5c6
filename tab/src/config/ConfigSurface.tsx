import { Body1, Caption1, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { tabConfigOffer } from '../host/tabConfig';
import { notifySuccess } from '../host/teamsHost';
import { meetingTabConfig } from './meetingTabConfig';

const useStyles = makeStyles({
  page: {
    maxWidth: '560px',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  quiet: { color: tokens.colorNeutralForeground2 },
});

/**
 * The configuration page Teams shows when someone adds Candor to a meeting (frame context `settings`). Nothing to
 * choose: it says what Candor adds and lets Teams' own Save button add it.
 */
export default function ConfigSurface() {
  const styles = useStyles();
  // Opened outside Teams' add-a-tab dialog (another frame context), the offer says so instead of a Save that never comes.
  const [offer] = useState(() => tabConfigOffer(meetingTabConfig(location.href)));
  const state = useSyncExternalStore(offer.subscribe, offer.get);

  // After the store's subscription above has made the offer: React runs a component's effects in order.
  useEffect(() => notifySuccess(), []);

  return (
    <main className={styles.page} aria-labelledby="config-title">
      <Text as="h1" id="config-title" size={500} weight="semibold">
        Candor for this 1:1
      </Text>
      <Body1 as="p">Candor gives the two of you room to talk about how work feels, not only what got done.</Body1>
      <ul className={styles.list}>
        <li>
          <Body1>
            <strong>In the side panel</strong>, three questions you both see and can write in: what is energizing you,
            what is draining you, and what support would help this week.
          </Body1>
        </li>
        <li>
          <Body1>
            <strong>In the meeting’s details and chat</strong>, what helps you prepare: the latest status update, your
            last recap and the commitments still open.
          </Body1>
        </li>
      </ul>
      <Caption1 as="p" className={styles.quiet}>
        Nothing is scored, every question can be skipped, and private notes stay with the person who wrote them.
      </Caption1>
      <div role="status">
        {state.kind === 'ready' && <Body1 as="p">Select Save to add Candor to this meeting.</Body1>}
        {state.kind === 'saved' && <Body1 as="p">Candor is added to this meeting.</Body1>}
      </div>
      {(state.kind === 'failed' || state.kind === 'unavailable') && (
        <MessageBar intent={state.kind === 'failed' ? 'error' : 'warning'}>
          <MessageBarBody>
            {state.kind === 'failed'
              ? `Teams couldn’t add Candor: ${state.message}. Try Save again.`
              : 'Add Candor from a meeting: choose + (Add an app) in the meeting and pick Candor.'}
          </MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
