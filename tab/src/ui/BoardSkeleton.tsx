import { Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';

/** The side panel's narrow column, or the wide page of the meeting details and personal tabs. */
export type BoardLayout = 'panel' | 'wide';

const useStyles = makeStyles({
  skeleton: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
  wide: {
    maxWidth: '760px',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
  },
  card: { height: '112px', borderRadius: tokens.borderRadiusMedium },
});

/** The board's shape while anything loads: the first thing every surface but the status form shows. */
export function BoardSkeleton({ layout = 'panel' }: { layout?: BoardLayout }) {
  const styles = useStyles();
  return (
    <Skeleton
      className={layout === 'wide' ? `${styles.skeleton} ${styles.wide}` : styles.skeleton}
      aria-label="Loading your 1:1 board"
    >
      <SkeletonItem size={20} style={{ width: '60%' }} />
      <SkeletonItem size={12} style={{ width: '40%' }} />
      <SkeletonItem className={styles.card} />
      <SkeletonItem className={styles.card} />
      <SkeletonItem className={styles.card} />
    </Skeleton>
  );
}
