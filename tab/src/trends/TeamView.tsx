import { Body1, Radio, RadioGroup, Text } from '@fluentui/react-components';
import type { TeamTrendsResponse } from '@candor/contract';
import { TrendRow } from './TrendRow';
import { WINDOW_CHOICES, hasOneOnOnes, type WindowMonths } from './trendFormat';
import { useTrendStyles } from './styles';

/** The manager's list: one row per direct report. */
export function TeamView({
  team,
  windowMonths,
  setWindow,
  openDetail,
  detailHref,
}: {
  team: TeamTrendsResponse;
  windowMonths: WindowMonths;
  setWindow: (months: WindowMonths) => void;
  openDetail: (reportId: string, occurrenceId?: string) => void;
  detailHref: (reportId: string, occurrenceId?: string) => string;
}) {
  const styles = useTrendStyles();
  const anyOneOnOnes = team.reports.some(hasOneOnOnes);
  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <Text as="h1" size={700} weight="semibold" className={styles.heading}>
          Your team
        </Text>
        <WindowSwitch value={windowMonths} onChange={setWindow} />
      </div>
      <Body1 as="p" className={styles.intro}>
        {anyOneOnOnes
          ? 'How each of your 1:1s has been going, month by month. A signal is an early nudge to ask, not a verdict: each one says which numbers made it show up.'
          : 'No 1:1s yet. Trends appear here after your first recap with someone on your team.'}
      </Body1>
      <ul className={styles.list} aria-label="Your direct reports">
        {team.reports.map((trend) => (
          <li key={trend.report.id}>
            <TrendRow
              trend={trend}
              windowMonths={windowMonths}
              title={trend.report.displayName}
              openDetail={(occurrenceId) => openDetail(trend.report.id, occurrenceId)}
              detailHref={(occurrenceId) => detailHref(trend.report.id, occurrenceId)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 6 or 12 months: only what is drawn changes, the signals stay those of the full year. */
export function WindowSwitch({ value, onChange }: { value: WindowMonths; onChange: (months: WindowMonths) => void }) {
  return (
    <RadioGroup
      layout="horizontal"
      aria-label="Months shown"
      value={String(value)}
      onChange={(_, data) => onChange(Number(data.value) === 6 ? 6 : 12)}
    >
      {WINDOW_CHOICES.map((months) => (
        <Radio key={months} value={String(months)} label={`Last ${months} months`} />
      ))}
    </RadioGroup>
  );
}
