import type { Config } from '../config';
import { BOARDS_TABLE } from '../store/boardStore';
import { createBlockerStore, type BlockerStore } from '../store/blockerStore';
import { createCareerGoalStore, type CareerGoalStore } from '../store/careerGoalStore';
import { createCommitmentStore, type CommitmentStore } from '../store/commitmentStore';
import { createGoToBankStore, type GoToBankStore } from '../store/goToBankStore';
import { createGoToExchangeStore, type GoToExchangeStore } from '../store/goToExchangeStore';
import { createPairHistoryStore, type PairHistoryStore } from '../store/pairHistory';
import { createPrivateNoteStore, type PrivateNoteStore } from '../store/privateNoteStore';
import { createTableMeetingResolutionStore, type MeetingResolutionStore } from '../store/meetingResolutionStore';
import { createTableClientFactory, type TableClientFactory } from '../store/tables';
import { draftStores, type DraftServices } from './drafts';

/**
 * The pieces of Services the live prompt board adds: the pair's rows beside its boards, and the private ones (its
 * people's notes and unsaved drafts; the status form's drafts live in the same store).
 */
export interface PromptBoardServices extends DraftServices {
  careerGoals: CareerGoalStore;
  commitments: CommitmentStore;
  /** Whether each recap blocker of the pair was marked resolved. */
  blockers: BlockerStore;
  pairHistory: PairHistoryStore;
  privateNotes: PrivateNoteStore;
  goToBanks: GoToBankStore;
  /** Go-to questions shared inside the organization (one partition per tenant). */
  goToExchange: GoToExchangeStore;
  /** Meeting chat → pair and occurrences, so an unchanged side panel open needs no calendar read. */
  meetingResolutions: MeetingResolutionStore;
}

export function createPromptBoardServices(config: Config): PromptBoardServices {
  return promptBoardStores(createTableClientFactory(config.tables));
}

/** The same stores over any table client factory (tests pass Azurite's). */
export function promptBoardStores(tables: TableClientFactory): PromptBoardServices {
  const boardsTable = () => tables(BOARDS_TABLE);
  return {
    careerGoals: createCareerGoalStore(boardsTable),
    commitments: createCommitmentStore(boardsTable),
    blockers: createBlockerStore(boardsTable),
    pairHistory: createPairHistoryStore(boardsTable),
    privateNotes: createPrivateNoteStore(tables),
    goToBanks: createGoToBankStore(tables),
    goToExchange: createGoToExchangeStore(tables),
    meetingResolutions: createTableMeetingResolutionStore(tables),
    ...draftStores(tables),
  };
}
