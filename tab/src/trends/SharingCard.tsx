import { Body1, Card, Switch, Text } from '@fluentui/react-components';
import { useId } from 'react';
import type { TrendSharing } from '@candor/contract';
import { SaveState } from '../ui/SaveState';
import type { Session } from '../host/session';
import { useSharing } from './useTrends';
import { useTrendStyles } from './styles';

const SWITCHES: ReadonlyArray<{ key: keyof TrendSharing; label: string; hint: string }> = [
  {
    key: 'shareMood',
    label: 'Share mood',
    hint: 'When off, your manager sees “Not shared” instead of your mood answers.',
  },
  {
    key: 'shareLifeLoad',
    label: 'Share life load',
    hint: 'When off, your manager sees “Not shared” instead of your life-load answers.',
  },
  {
    key: 'shareEnergy',
    label: 'Share how energized you felt',
    hint: 'When off, your manager sees “Not shared” instead of your energy ratings.',
  },
  {
    key: 'shareDrain',
    label: 'Share how drained you felt',
    hint: 'When off, your manager sees “Not shared” instead of your drain ratings.',
  },
  {
    key: 'calendarLoad',
    label: 'Count my calendar load',
    hint: 'When on, Candor counts your meeting hours and meetings outside working hours, never what they are about.',
  },
];

/**
 * The report's sharing switches: what their manager sees of their answers. On "Your 1:1s" in Trends and on the
 * settings page; `refresh` re-reads what the page shows after a confirmed save.
 */
export function SharingCard({
  session,
  initial,
  refresh,
}: {
  session: Session;
  initial: TrendSharing;
  refresh: () => void;
}) {
  const styles = useTrendStyles();
  const { state, toggle } = useSharing(session, initial, refresh);
  const headingId = useId();
  const hintId = useId();
  return (
    <Card className={styles.card} role="group" aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={500} weight="semibold" className={styles.heading}>
        What you share
      </Text>
      <div className={styles.switches}>
        {SWITCHES.map(({ key, label, hint }) => (
          <div key={key}>
            <Switch
              label={label}
              checked={state.shown[key]}
              aria-describedby={`${hintId}-${key}`}
              onChange={(_, data) => toggle(key, data.checked)}
            />
            <Body1 as="p" id={`${hintId}-${key}`} className={styles.switchHint}>
              {hint}
            </Body1>
          </div>
        ))}
      </div>
      <SaveState error={state.error} saving={state.saving} />
    </Card>
  );
}
