import { Body1, Card, Field, Radio, RadioGroup, Select, Switch, Text } from '@fluentui/react-components';
import { useId } from 'react';
import type { EnrolmentView } from '@candor/contract';
import { useTrendStyles } from '../trends/styles';
import {
  choicesWith,
  effectiveLeadTime,
  enrolledText,
  LEAD_TIME_CHOICES,
  leadTimeText,
  type EnrolmentChange,
} from './settingsModel';
import { useSettingsStyles } from './styles';

const OWN = 'own';

/** On or off, how long ahead (the manager's own and per report), and whose mailbox the request comes from. */
export function StatusRequestsCard({
  view,
  readOnly,
  change,
  changePair,
}: {
  view: EnrolmentView;
  readOnly: boolean;
  change: (change: EnrolmentChange) => void;
  changePair: (reportId: string, leadTimeHours: number | null) => void;
}) {
  const trend = useTrendStyles();
  const styles = useSettingsStyles();
  const headingId = useId();
  const hintId = useId();
  const own = view.leadTimeHours ?? view.defaultLeadTimeHours;
  return (
    <Card className={trend.card} role="group" aria-labelledby={headingId}>
      <Text as="h3" id={headingId} size={500} weight="semibold" className={trend.heading}>
        Status requests
      </Text>
      <Body1 as="p" className={trend.intro}>
        Before each 1:1 Candor asks your report for a short written status update, so your time together goes to the
        conversation.
      </Body1>
      <div>
        <Switch
          label="Ask my reports for a status update before our 1:1s"
          checked={view.enrolled}
          disabled={readOnly}
          aria-describedby={hintId}
          onChange={(_, data) => change({ enrolled: data.checked })}
        />
        <Body1 as="p" id={hintId} className={trend.switchHint}>
          {enrolledText(view)}
        </Body1>
      </div>
      <Field label="How long before the 1:1 the request goes out">
        <Select
          className={styles.select}
          disabled={readOnly}
          value={String(own)}
          onChange={(_, data) => change({ leadTimeHours: Number(data.value) })}
        >
          {choicesWith(LEAD_TIME_CHOICES, own).map((h) => (
            <option key={h} value={h}>
              {leadTimeText(h)}
              {view.leadTimeHours === null && h === view.defaultLeadTimeHours ? ' — your organization’s default' : ''}
            </option>
          ))}
        </Select>
      </Field>
      <ul className={styles.pairs} aria-label="Lead time per report">
        {view.pairs.map((p) => (
          <li key={p.reportId}>
            <Field label={`For ${p.displayName || 'this report'}`}>
              <Select
                className={styles.select}
                disabled={readOnly}
                value={p.leadTimeHours === null ? OWN : String(p.leadTimeHours)}
                onChange={(_, data) => changePair(p.reportId, data.value === OWN ? null : Number(data.value))}
              >
                <option value={OWN}>As above ({leadTimeText(effectiveLeadTime(view))})</option>
                {choicesWith(LEAD_TIME_CHOICES, p.leadTimeHours ?? own).map((h) => (
                  <option key={h} value={h}>
                    {leadTimeText(h)}
                  </option>
                ))}
              </Select>
            </Field>
          </li>
        ))}
      </ul>
      <Field label="Send the request from">
        <RadioGroup
          disabled={readOnly}
          value={view.sendFromMyMailbox ? 'mine' : 'candor'}
          onChange={(_, data) => change({ sendFromMyMailbox: data.value === 'mine' })}
        >
          <Radio value="mine" label="My mailbox (it comes from me, and lands in my Sent Items)" />
          <Radio
            value="candor"
            disabled={readOnly || !view.candorMailbox}
            label={
              view.candorMailbox
                ? 'Candor’s mailbox'
                : 'Candor’s mailbox (your organization has not set one up, so requests go from yours)'
            }
          />
        </RadioGroup>
      </Field>
    </Card>
  );
}
