import { Body1, Card, Field, Select, Switch, Text } from '@fluentui/react-components';
import { useId } from 'react';
import type { EnrolmentView } from '@candor/contract';
import { useTrendStyles } from '../trends/styles';
import { choicesWith, PREP_MINUTE_CHOICES, prepMinutesText, type EnrolmentChange } from './settingsModel';
import { useSettingsStyles } from './styles';

/** What Candor does around the manager's 1:1s: join their meeting chats, and a prep message before each one. */
export function OneOnOneHelpCard({
  view,
  readOnly,
  change,
}: {
  view: EnrolmentView;
  readOnly: boolean;
  change: (change: EnrolmentChange) => void;
}) {
  const trend = useTrendStyles();
  const styles = useSettingsStyles();
  const headingId = useId();
  const attachHint = useId();
  const prepHint = useId();
  return (
    <Card className={trend.card} role="group" aria-labelledby={headingId}>
      <Text as="h3" id={headingId} size={500} weight="semibold" className={trend.heading}>
        Around your 1:1s
      </Text>
      <div>
        <Switch
          label="Add Candor to my 1:1s for me"
          checked={view.attachToOneOnOnes}
          disabled={readOnly}
          aria-describedby={attachHint}
          onChange={(_, data) => change({ attachToOneOnOnes: data.checked })}
        />
        <Body1 as="p" id={attachHint} className={trend.switchHint}>
          Candor adds itself to the meeting chat of each 1:1 series with its tab pinned, so the side panel is there when
          the meeting starts. Remove it from a chat and Candor leaves that chat alone.
        </Body1>
      </div>
      <div>
        <Switch
          label="Send me a prep message before each 1:1"
          checked={view.prep.enabled}
          disabled={readOnly}
          aria-describedby={prepHint}
          onChange={(_, data) => change({ prep: { enabled: data.checked } })}
        />
        <Body1 as="p" id={prepHint} className={trend.switchHint}>
          One message with the status update (or that none came yet), the last recap and the open commitments.
        </Body1>
      </div>
      <Field label="When the prep message comes">
        <Select
          className={styles.select}
          disabled={readOnly || !view.prep.enabled}
          value={String(view.prep.minutesBefore)}
          onChange={(_, data) => change({ prep: { enabled: true, minutesBefore: Number(data.value) } })}
        >
          {choicesWith(PREP_MINUTE_CHOICES, view.prep.minutesBefore).map((m) => (
            <option key={m} value={m}>
              {prepMinutesText(m)}
            </option>
          ))}
        </Select>
      </Field>
    </Card>
  );
}
