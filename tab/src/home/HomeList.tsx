import type { HomeOneOnOne } from '@candor/contract';
import { Body1, Button, Caption1, Text } from '@fluentui/react-components';
import { useId } from 'react';
import type { TimeReader } from '@candor/contract/timeText';
import { oneOnOneText } from './homeText';
import { useHomeStyles } from './styles';

/** One section of Home: a heading and its 1:1s as a list, each row saying its state in words and opening its board. */
export function HomeSection({
  title,
  items,
  reader,
  open,
  recap = false,
}: {
  title: string;
  items: HomeOneOnOne[];
  reader: TimeReader;
  open: (item: HomeOneOnOne) => void;
  recap?: boolean;
}) {
  const styles = useHomeStyles();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={400} weight="semibold" className={styles.subheading}>
        {title}
      </Text>
      <ul className={styles.list} aria-labelledby={headingId}>
        {items.map((item) => (
          <HomeRow
            key={`${item.ref.managerId}/${item.ref.reportId}/${item.ref.occurrenceId}`}
            item={item}
            reader={reader}
            open={open}
            recap={recap}
          />
        ))}
      </ul>
    </section>
  );
}

function HomeRow({
  item,
  reader,
  open,
  recap,
}: {
  item: HomeOneOnOne;
  reader: TimeReader;
  open: (item: HomeOneOnOne) => void;
  recap: boolean;
}) {
  const styles = useHomeStyles();
  const text = oneOnOneText(item, reader);
  return (
    <li className={recap ? `${styles.item} ${styles.recapItem}` : styles.item} data-testid="home-item">
      <div className={styles.itemText}>
        <Text as="h3" size={300} weight="semibold" className={styles.itemTitle}>
          {text.title}
        </Text>
        <Body1 as="p" className={styles.muted}>
          {text.when}
          {item.subject ? ` · ${item.subject}` : ''}
        </Body1>
        {text.where ? (
          <Caption1 as="p" className={styles.muted}>
            {text.where}
          </Caption1>
        ) : null}
        <ul className={styles.states} aria-label="State">
          {text.states.map((state) => (
            <li key={state}>
              <Caption1>{state}</Caption1>
            </li>
          ))}
        </ul>
      </div>
      <Button
        appearance={text.action.primary ? 'primary' : 'secondary'}
        aria-label={text.actionName}
        onClick={() => open(item)}
      >
        {text.action.label}
      </Button>
    </li>
  );
}
