import { Body1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  message: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
  },
  heading: { margin: 0 },
});

/** A short, calm full-surface message: a heading, an explanation, optionally one action. */
export function Notice({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.message} role="region" aria-label={title}>
      <Text as="h1" size={400} weight="semibold" className={styles.heading}>
        {title}
      </Text>
      <Body1>{children}</Body1>
      {action}
    </section>
  );
}
