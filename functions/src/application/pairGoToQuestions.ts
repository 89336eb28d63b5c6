import type { GoToQuestion, OccurrenceId } from '../contract';
import type { AskedBefore } from '../domain/goToQuestions';
import type { Services } from '../composition';
import { pairPartitionKey } from '../store/keys';

/** How many earlier meetings the rotation looks back on: enough to know what a bank of 40 has had answered. */
export const GO_TO_HISTORY_READ = 60;

export interface PairAddressLike {
  tenantId: string;
  managerId: string;
  reportId: string;
}

/**
 * The questions a pair's rotation draws on: the manager's own bank (every pair of theirs), then the report's "ask
 * me this" questions of this pair; with the pair's go-to history before `occurrenceId`.
 */
export async function pairGoToQuestions(
  services: Pick<Services, 'goToBanks' | 'pairHistory'>,
  pair: PairAddressLike,
  occurrenceId: OccurrenceId,
): Promise<{ bank: GoToQuestion[]; asks: GoToQuestion[]; questions: GoToQuestion[]; history: AskedBefore[] }> {
  const [bank, asks, history] = await Promise.all([
    services.goToBanks.get(pair.tenantId, pair.managerId),
    services.goToBanks.getAsks(pair.tenantId, pair.managerId, pair.reportId),
    services.pairHistory.goToHistoryBefore(
      pairPartitionKey(pair.tenantId, pair.managerId, pair.reportId),
      occurrenceId,
      GO_TO_HISTORY_READ,
    ),
  ]);
  return {
    bank: bank.bank.questions,
    asks: asks.bank.questions,
    questions: [...bank.bank.questions, ...asks.bank.questions],
    history,
  };
}

/** Reads past every occurrence: the pair's whole go-to history, for views not tied to one meeting. */
export const AFTER_EVERY_OCCURRENCE: OccurrenceId = '99991231T2359Z-ffffffffffffffff';
