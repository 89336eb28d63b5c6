import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, type ReactNode } from 'react';
import type { BoardSnapshot } from './boardSync';

// The panels load when a section is first opened: most 1:1s never open all four.
const panels = () => import('./MorePanels');
const CareerPulse = lazy(() => panels().then((m) => ({ default: m.CareerPulse })));
const UnseenWork = lazy(() => panels().then((m) => ({ default: m.UnseenWork })));
const PersonalCheck = lazy(() => panels().then((m) => ({ default: m.PersonalCheck })));
const GoToQuestion = lazy(() => panels().then((m) => ({ default: m.GoToQuestion })));

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingBlock: tokens.spacingVerticalS,
    margin: 0,
  },
  header: { minWidth: 0 },
  // Shown only in high contrast (the token is transparent elsewhere): each header is findable as a control.
  headerButton: { border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}` },
  about: { color: tokens.colorNeutralForeground2 },
});

/** One plain line on what a section is for, before its fields (shown at once, while the fields load). */
function Panel({ about, children }: { about: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <AccordionPanel className={styles.panel}>
      <Caption1 className={styles.about}>{about}</Caption1>
      <Suspense fallback={<Spinner size="tiny" label="Loading…" />}>{children}</Suspense>
    </AccordionPanel>
  );
}

type SectionId = 'career' | 'unseen' | 'personal' | 'goTo';

/** What each section is for, in the viewer's own terms. */
export function sectionAbout(
  role: 'manager' | 'report',
  names: { manager: string; report: string },
): Record<SectionId, string> {
  return role === 'manager'
    ? {
        career: `Where ${names.report} wants to grow, and how close it feels this week.`,
        unseen: `Name one thing ${names.report} did that might otherwise go unnoticed.`,
        personal: `${names.report}’s mood and life load, only if they choose to share.`,
        goTo: 'One question from your own list, a different one each time.',
      }
    : {
        career: 'Where you want to grow, and how close it feels this week.',
        unseen: `Something ${names.manager} noticed that might otherwise go unseen.`,
        personal: 'How you are and how full life is outside work, for your manager to know.',
        goTo: `A question from ${names.manager}’s own list, a different one each time.`,
      };
}

/** Career pulse, unseen work, personal check and the go-to question: there when wanted, folded away otherwise. */
export default function MoreSections({ snap, locale }: { snap: BoardSnapshot; locale: string }) {
  const styles = useStyles();
  const { viewer, participants } = snap.board;
  const about = sectionAbout(viewer.role, {
    manager: participants.manager.displayName,
    report: participants.report.displayName,
  });
  return (
    <Accordion multiple collapsible aria-label="More of this 1:1">
      <AccordionItem value="career">
        <AccordionHeader as="h2" className={styles.header} button={{ className: styles.headerButton }}>
          Career pulse
        </AccordionHeader>
        <Panel about={about.career}>
          <CareerPulse snap={snap} />
        </Panel>
      </AccordionItem>
      <AccordionItem value="unseen">
        <AccordionHeader as="h2" className={styles.header} button={{ className: styles.headerButton }}>
          Unseen work
        </AccordionHeader>
        <Panel about={about.unseen}>
          <UnseenWork snap={snap} locale={locale} />
        </Panel>
      </AccordionItem>
      <AccordionItem value="personal">
        <AccordionHeader as="h2" className={styles.header} button={{ className: styles.headerButton }}>
          Personal check
        </AccordionHeader>
        <Panel about={about.personal}>
          <PersonalCheck snap={snap} />
        </Panel>
      </AccordionItem>
      <AccordionItem value="goTo">
        <AccordionHeader as="h2" className={styles.header} button={{ className: styles.headerButton }}>
          Go-to question
        </AccordionHeader>
        <Panel about={about.goTo}>
          <GoToQuestion snap={snap} />
        </Panel>
      </AccordionItem>
    </Accordion>
  );
}
