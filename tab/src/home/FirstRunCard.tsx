import type { HomeView } from '@candor/contract';
import { Body1, Button, Text } from '@fluentui/react-components';
import { useId } from 'react';
import { surfaceHref } from './homeLinks';
import { firstRunCard } from './homeText';
import { useHomeStyles } from './styles';

/** Until the person has chosen, the top of Home leads to the settings surface (status requests, channel, sharing). */
export function FirstRunCard({ home }: { home: HomeView }) {
  const styles = useHomeStyles();
  const headingId = useId();
  const card = firstRunCard(home);
  if (!card) return null;
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={400} weight="semibold" className={styles.subheading}>
        {card.title}
      </Text>
      <Body1 as="p" className={styles.subheading}>
        {card.body}
      </Body1>
      {/* A link: settings is another surface of this app, opened in place (the host keeps its context). */}
      <Button as="a" appearance="primary" href={surfaceHref('settings')}>
        {card.button}
      </Button>
    </section>
  );
}
