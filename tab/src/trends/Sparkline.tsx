import { Caption1, Text } from '@fluentui/react-components';
import type { MonthTrend } from '@candor/contract';
import { isNotShared, latestText, seriesValues, sparkGeometry, sparklineName, type SeriesInfo } from './trendFormat';
import { useTrendStyles } from './styles';

const WIDTH = 96;
const HEIGHT = 28;

/**
 * A small inline line of one series over the months shown. Its accessible name states the first and last values;
 * hidden answers are the words "Not shared", never a blank that could be mistaken for "no answer".
 */
export function Sparkline({ info, months }: { info: SeriesInfo; months: readonly MonthTrend[] }) {
  const styles = useTrendStyles();
  const values = seriesValues(months, info.key);
  const hidden = isNotShared(values);
  const geometry = sparkGeometry(values, WIDTH, HEIGHT);
  return (
    <li className={styles.spark}>
      <Caption1 className={styles.sparkLabel}>{info.label}</Caption1>
      {hidden ? (
        <Text className={styles.notShared}>Not shared</Text>
      ) : (
        <span className={styles.sparkLine}>
          <svg
            role="img"
            aria-label={sparklineName(info, months)}
            width={WIDTH}
            height={HEIGHT}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            className={styles.sparkSvg}
          >
            <line x1={0} x2={WIDTH} y1={HEIGHT - 1} y2={HEIGHT - 1} className={styles.sparkBase} />
            {geometry.path ? <path d={geometry.path} className={styles.sparkStroke} /> : null}
            {geometry.last ? (
              <circle cx={geometry.last.x} cy={geometry.last.y} r={2.5} className={styles.sparkDot} />
            ) : null}
          </svg>
          {/* The image's name already says the latest value; this is the same number for sighted readers. */}
          <Text weight="semibold" wrap={false} aria-hidden="true">
            {latestText(info, months)}
          </Text>
        </span>
      )}
    </li>
  );
}
