import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, type ReactNode } from 'react';
import type { BoardSnapshot } from './boardSync';

// The panels load when a section is first opened: most 1:1s never open all four.
const panels = () => import('./MorePanels');
const CareerPulse = lazy(() => panels().then((m) => ({ default: m.CareerPulse })));
const UnseenWork = lazy(() => panels().then((m) => ({ default: m.UnseenWork })));
const PersonalCheck = lazy(() => panels().then((m) => ({ default: m.PersonalCheck })));
const GoToQuestion = lazy(() => panels().then((m) => ({ default: m.GoToQuestion })));

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingBlock: tokens.spacingVerticalS, margin: 0 },
  header: { minWidth: 0 },
});

function Panel({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <AccordionPanel className={styles.panel}>
      <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>{children}</Suspense>
    </AccordionPanel>
  );
}

/** Career pulse, unseen work, personal check and the go-to question: there when wanted, folded away otherwise. */
export default function MoreSections({ snap, locale }: { snap: BoardSnapshot; locale: string }) {
  const styles = useStyles();
  return (
    <Accordion multiple collapsible aria-label="More of this 1:1">
      <AccordionItem value="career">
        <AccordionHeader as="h2" className={styles.header}>
          Career pulse
        </AccordionHeader>
        <Panel>
          <CareerPulse snap={snap} />
        </Panel>
      </AccordionItem>
      <AccordionItem value="unseen">
        <AccordionHeader as="h2" className={styles.header}>
          Unseen work
        </AccordionHeader>
        <Panel>
          <UnseenWork snap={snap} locale={locale} />
        </Panel>
      </AccordionItem>
      <AccordionItem value="personal">
        <AccordionHeader as="h2" className={styles.header}>
          Personal check
        </AccordionHeader>
        <Panel>
          <PersonalCheck snap={snap} />
        </Panel>
      </AccordionItem>
      <AccordionItem value="goTo">
        <AccordionHeader as="h2" className={styles.header}>
          Go-to question
        </AccordionHeader>
        <Panel>
          <GoToQuestion snap={snap} />
        </Panel>
      </AccordionItem>
    </Accordion>
  );
}
