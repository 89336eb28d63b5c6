import { Body1, Text } from '@fluentui/react-components';
import { DataVizPalette, GroupedVerticalBarChart, LineChart, type LineChartPoints } from '@fluentui/react-charts';
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { MonthTrend } from '@candor/contract';
import {
  SERIES,
  isNotShared,
  monthLabel,
  monthStart,
  ratingCell,
  seriesValues,
  supportRows,
  type SeriesKey,
} from './trendFormat';
import { useTrendStyles } from './styles';

/*
 * The detail view's larger charts (@fluentui/react-charts). This module is only ever imported lazily
 * (DetailView's React.lazy), so the charts package and its d3 parts sit in their own chunk: never in the side
 * panel's download, nor in the Trends list's first one. Each chart has the same numbers as a table under it.
 */

const CHART_HEIGHT = 260;
const COLORS = [DataVizPalette.color1, DataVizPalette.color2, DataVizPalette.color3];
/**
 * High contrast draws with the system's colours: the OS's forced colours by name, or the Teams high-contrast theme's
 * (text white, highlight cyan, link yellow), so no line is a shade the person's settings cannot see.
 */
const FORCED_COLORS = ['CanvasText', 'Highlight', 'LinkText'];
const TEAMS_CONTRAST_COLORS = ['#ffffff', '#1aebff', '#ffff01'];
/** Solid, dashed, dotted: lines that meet or overlap stay apart without colour. */
const DASHES = ['none', '8 4', '2 4'];

type Contrast = 'none' | 'teams' | 'forced';

function palette(contrast: Contrast): readonly string[] {
  return contrast === 'forced' ? FORCED_COLORS : contrast === 'teams' ? TEAMS_CONTRAST_COLORS : COLORS;
}

/** Which high contrast applies to the element: the OS's forced colours, or the Teams theme around it. */
function useContrast(element: HTMLElement | null): Contrast {
  const [contrast, setContrast] = useState<Contrast>('none');
  useEffect(() => {
    if (!element) return;
    const themed = element.closest('[data-theme]');
    const forced = window.matchMedia('(forced-colors: active)');
    const read = () =>
      setContrast(forced.matches ? 'forced' : themed?.getAttribute('data-theme') === 'contrast' ? 'teams' : 'none');
    read();
    const observer = new MutationObserver(read);
    if (themed) observer.observe(themed, { attributes: true, attributeFilter: ['data-theme'] });
    forced.addEventListener('change', read);
    return () => {
      observer.disconnect();
      forced.removeEventListener('change', read);
    };
  }, [element]);
  return contrast;
}

function lineSeries(
  months: readonly MonthTrend[],
  keys: readonly SeriesKey[],
  colors: readonly string[],
): LineChartPoints[] {
  return keys.flatMap((key, i) => {
    const info = SERIES.find((s) => s.key === key)!;
    const values = seriesValues(months, key);
    if (isNotShared(values)) return [];
    const data = months.flatMap((m, j) => {
      const v = values[j];
      return typeof v === 'number' ? [{ x: monthStart(m.month), y: Math.round(v * 10) / 10 }] : [];
    });
    return data.length > 0
      ? [
          {
            legend: info.label,
            data,
            color: colors[i % colors.length],
            lineOptions: { strokeDasharray: DASHES[i % DASHES.length] },
          },
        ]
      : [];
  });
}

/**
 * A count axis in whole numbers: never more ticks than the largest count (so 0–2 reads 0, 1, 2 and not 0, 0.5…),
 * and a fraction, should the scale still make one, left unlabelled.
 */
function countAxis(max: number): {
  yAxisTickCount: number;
  yAxisTickFormat: (value: number) => string;
  yMaxValue: number;
} {
  const top = Math.max(1, Math.ceil(max));
  return {
    yAxisTickCount: Math.min(5, top),
    yAxisTickFormat: (value: number) => (Number.isInteger(value) ? String(value) : ''),
    yMaxValue: top,
  };
}

/**
 * The charts size themselves to their parent's box (width and height), so the box has a fixed height: a parent
 * sized by its content would grow with every measurement.
 */
function ChartBox({ children }: { children: (parent: HTMLElement) => ReactNode }) {
  const styles = useTrendStyles();
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  // The line chart draws its axes during a render, from elements it only has after its first one: render it once
  // more when it has mounted, or it can stay without axes until something else changes.
  const [, setPainted] = useState(false);
  useEffect(() => {
    if (!box) return;
    const frame = requestAnimationFrame(() => setPainted(true));
    return () => cancelAnimationFrame(frame);
  }, [box]);
  return (
    <div ref={setBox} className={styles.chartBox}>
      {box ? children(box) : null}
    </div>
  );
}

function ChartBlock({
  title,
  meaning,
  chart,
  table,
}: {
  title: string;
  meaning: string;
  /** Null when there is nothing to draw; the table still says so. */
  chart: ((parent: HTMLElement) => ReactNode) | null;
  table: ReactNode;
}) {
  const styles = useTrendStyles();
  const headingId = useId();
  return (
    <section className={styles.chart} aria-labelledby={headingId}>
      <Text as="h3" id={headingId} size={400} weight="semibold" className={styles.heading}>
        {title}
      </Text>
      <Body1 className={styles.intro}>{meaning}</Body1>
      {chart ? (
        // The picture of the table below it, which holds every number: a named image for a screen reader, and inert,
        // so the chart's own keyboard layer (focusable aria-hidden sentinels, tooltips) is neither a Tab stop nor
        // something a virtual cursor can land on.
        <div role="img" aria-label={`${title}: chart of the table below`}>
          <div inert>
            <ChartBox>{chart}</ChartBox>
          </div>
        </div>
      ) : null}
      <div className={styles.tableWrap} tabIndex={0}>
        {table}
      </div>
    </section>
  );
}

/** One column of a chart's table: its header, and what a month shows in it. */
interface MonthColumn {
  header: string;
  cell: (month: MonthTrend) => ReactNode;
}

/** The numbers a chart draws, as a table with a caption and header cells, one row per month. */
function MonthTable({
  caption,
  months,
  columns,
}: {
  caption: string;
  months: readonly MonthTrend[];
  columns: readonly MonthColumn[];
}) {
  const styles = useTrendStyles();
  return (
    <table className={styles.table}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row">{monthLabel(m.month)}</th>
            {columns.map((c) => (
              <td key={c.header}>{c.cell(m)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The labels of the keys that are hidden in every month shown, said in words under a chart. */
function notSharedText(months: readonly MonthTrend[], keys: readonly SeriesKey[]): string {
  const hidden = keys.filter((k) => isNotShared(seriesValues(months, k)));
  return hidden.length === 0
    ? ''
    : ` ${hidden.map((k) => SERIES.find((s) => s.key === k)!.label).join(' and ')}: not shared.`;
}

/** Energy and drain as the report rated them: a month nobody rated is a gap and "Not stated", never a zero. */
function EnergyChart({ months, colors }: { months: readonly MonthTrend[]; colors: readonly string[] }) {
  const series = lineSeries(months, ['energy', 'drain'], colors);
  return (
    <ChartBlock
      title="Energy and drain"
      meaning={`How energized and how drained the weeks felt, as the report rated them: averages, 1 (not at all) to 5 (very). A month nobody rated is “not stated”, never a zero.${notSharedText(months, ['energy', 'drain'])}`}
      chart={
        series.length > 0
          ? (parent) => (
              <LineChart
                parentRef={parent}
                data={{ chartTitle: 'Energy and drain, averages 1 to 5', lineChartData: series }}
                height={CHART_HEIGHT}
                yMinValue={1}
                yMaxValue={5}
                allowMultipleShapesForPoints
                useUTC
                yAxisTitle="Average, 1 to 5"
              />
            )
          : null
      }
      table={
        <MonthTable
          caption="Energy and drain by month"
          months={months}
          columns={[
            { header: 'Energy', cell: (m) => ratingCell(m.energy) },
            { header: 'Drain', cell: (m) => ratingCell(m.drain) },
            { header: '1:1s held', cell: (m) => m.held },
          ]}
        />
      }
    />
  );
}

/** Support asked (recap lines tagged "support need") beside support given (commitments made, and done). */
function SupportChart({ months, contrast }: { months: readonly MonthTrend[]; contrast: Contrast }) {
  const colors = palette(contrast);
  const color = (i: number) => (contrast === 'none' ? {} : { color: colors[i % colors.length] });
  const rows = supportRows(months);
  const data = rows.map((r) => ({
    name: monthLabel(r.month),
    series: [
      { key: 'asked', legend: 'Support asked', data: r.asked, ...color(0) },
      { key: 'given', legend: 'Commitments made', data: r.given, ...color(1) },
      { key: 'done', legend: 'Commitments done', data: r.done, ...color(2) },
    ],
  }));
  const axis = countAxis(Math.max(0, ...rows.flatMap((r) => [r.asked, r.given, r.done])));
  return (
    <ChartBlock
      title="Support asked and given"
      meaning="Asked: 1:1s whose recap had a line tagged “support need”. Given: commitments the manager made, and those done."
      chart={(parent) => (
        <GroupedVerticalBarChart
          parentRef={parent}
          data={data}
          height={CHART_HEIGHT}
          chartTitle="Support asked and given by month"
          yAxisTitle="Count"
          {...axis}
        />
      )}
      table={
        <MonthTable
          caption="Support asked and given by month"
          months={months}
          columns={[
            { header: 'Support asked', cell: (m) => m.supportNeedsNamed },
            { header: 'Commitments made', cell: (m) => m.commitmentsOpened },
            { header: 'Commitments done', cell: (m) => m.commitmentsDone },
          ]}
        />
      }
    />
  );
}

function AnswersChart({ months, colors }: { months: readonly MonthTrend[]; colors: readonly string[] }) {
  const series = lineSeries(months, ['mood', 'lifeLoad', 'careerPulse'], colors);
  const hiddenText = notSharedText(months, ['mood', 'lifeLoad']);
  return (
    <ChartBlock
      title="Mood, life load and career pulse"
      meaning={`Averages of the answers, 1 to 5; “prefer not to say” is counted apart, never as a number.${hiddenText}`}
      chart={
        series.length > 0
          ? (parent) => (
              <LineChart
                parentRef={parent}
                data={{ chartTitle: 'Mood, life load and career pulse, averages 1 to 5', lineChartData: series }}
                height={CHART_HEIGHT}
                yMinValue={1}
                yMaxValue={5}
                allowMultipleShapesForPoints
                useUTC
                yAxisTitle="Average, 1 to 5"
              />
            )
          : null
      }
      table={
        <MonthTable
          caption="Mood, life load and career pulse by month"
          months={months}
          columns={[
            { header: 'Mood', cell: (m) => ratingCell(m.mood) },
            { header: 'Life load', cell: (m) => ratingCell(m.lifeLoad) },
            { header: 'Career pulse', cell: (m) => ratingCell(m.careerPulse) },
          ]}
        />
      }
    />
  );
}

function MeetingsChart({ months, contrast }: { months: readonly MonthTrend[]; contrast: Contrast }) {
  const colors = palette(contrast);
  // Out of high contrast no colours are named: the bar chart picks its own palette per legend.
  const color = (i: number) => (contrast === 'none' ? {} : { color: colors[i % colors.length] });
  const data = months.map((m) => ({
    name: monthLabel(m.month),
    series: [
      { key: 'held', legend: 'Held', data: m.held, ...color(0) },
      { key: 'skipped', legend: 'Skipped', data: m.skipped, ...color(1) },
      { key: 'cancelled', legend: 'Cancelled', data: m.cancelled, ...color(2) },
    ],
  }));
  const axis = countAxis(Math.max(0, ...months.flatMap((m) => [m.held, m.skipped, m.cancelled])));
  return (
    <ChartBlock
      title="1:1s held and missed"
      meaning="Every 1:1 the calendar had in the month: held, skipped (it passed with nothing on the board) or cancelled."
      chart={(parent) => (
        <GroupedVerticalBarChart
          parentRef={parent}
          data={data}
          height={CHART_HEIGHT}
          chartTitle="1:1s by month"
          yAxisTitle="1:1s"
          {...axis}
        />
      )}
      table={
        <MonthTable
          caption="1:1s by month"
          months={months}
          columns={[
            { header: 'Scheduled', cell: (m) => m.scheduled },
            { header: 'Held', cell: (m) => m.held },
            { header: 'Skipped', cell: (m) => m.skipped },
            { header: 'Cancelled', cell: (m) => m.cancelled },
          ]}
        />
      }
    />
  );
}

function CalendarChart({ months, colors }: { months: readonly MonthTrend[]; colors: readonly string[] }) {
  if (months.every((m) => m.calendar === null)) return null;
  const afterHours = months.flatMap((m) =>
    m.calendar ? [{ x: monthStart(m.month), y: m.calendar.afterHoursMeetings }] : [],
  );
  const axis = countAxis(Math.max(0, ...afterHours.map((p) => p.y)));
  return (
    <ChartBlock
      title="Meetings outside working hours"
      meaning="Counted from the calendar’s times only (never a subject), when the report lets Candor count it."
      chart={(parent) => (
        <LineChart
          parentRef={parent}
          data={{
            chartTitle: 'Meetings outside working hours by month',
            lineChartData: [{ legend: 'After-hours meetings', data: afterHours, color: colors[0] }],
          }}
          height={CHART_HEIGHT}
          yMinValue={0}
          {...axis}
          useUTC
          yAxisTitle="Meetings"
        />
      )}
      table={
        <MonthTable
          caption="Calendar load by month"
          months={months}
          columns={[
            {
              header: 'Meeting hours',
              cell: (m) => (m.calendar ? Math.round(m.calendar.meetingHours * 10) / 10 : 'Not counted'),
            },
            { header: 'Meetings', cell: (m) => (m.calendar ? m.calendar.meetings : '—') },
            { header: 'Outside working hours', cell: (m) => (m.calendar ? m.calendar.afterHoursMeetings : '—') },
          ]}
        />
      }
    />
  );
}

export default function TrendCharts({ months }: { months: readonly MonthTrend[] }) {
  const styles = useTrendStyles();
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const contrast = useContrast(root);
  const colors = palette(contrast);
  return (
    <div ref={setRoot} className={styles.charts} data-testid="trend-charts">
      <EnergyChart months={months} colors={colors} />
      <AnswersChart months={months} colors={colors} />
      <MeetingsChart months={months} contrast={contrast} />
      <SupportChart months={months} contrast={contrast} />
      <CalendarChart months={months} colors={colors} />
    </div>
  );
}
