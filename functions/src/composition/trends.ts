import type { Config } from '../config';
import type { TrendsConfig } from '../config/trends';
import {
  createTrendReader,
  createTrendRecorder,
  type FactSources,
  type TrendReader,
  type TrendRecorder,
} from '../application/trends';
import { createCalendarLoadGateway, type CalendarLoadGateway } from '../graph/calendarLoadGateway';
import type { GraphBatchRunner } from '../graph/graphBatch';
import { BOARDS_TABLE, createTableBoardStore } from '../store/boardStore';
import { createBlockerStore } from '../store/blockerStore';
import { createCommitmentStore } from '../store/commitmentStore';
import { boardOccurrenceIds } from '../store/pairOccurrences';
import { createScheduledOccurrenceStore } from '../store/scheduledOccurrences';
import { createTableStatusRequestClaimStore } from '../store/statusRequestClaimStore';
import { createTableStatusUpdateStore } from '../store/statusUpdateStore';
import { createTableClientFactory, type TableClientFactory } from '../store/tables';
import { createTrendSharingStore, type TrendSharingStore } from '../store/trendSharingStore';
import { createTrendStore } from '../store/trendStore';

/** The monthly trends' table-backed pieces: recording, reading, and each report's sharing choices. */
export interface TrendStores {
  trendRecorder: TrendRecorder;
  trendReader: TrendReader;
  trendSharing: TrendSharingStore;
}

/** The pieces of Services that the monthly trends add. */
export interface TrendServices extends TrendStores {
  trends: TrendsConfig;
  /** The daily trends job's reads of reports' working hours and calendar times (jobs/trendsDaily), in `$batch` too. */
  calendarLoad: CalendarLoadGateway;
}

/** `batches` is the status scan's runner: the scan and the daily trends job share its limit on batches in flight. */
export function createTrendServices(config: Config, batches: GraphBatchRunner, now: () => Date): TrendServices {
  return {
    ...trendStores(createTableClientFactory(config.tables), now),
    trends: config.trends,
    calendarLoad: createCalendarLoadGateway(batches),
  };
}

/** The trend stores over any table client factory (tests, the seed and the admin command use this). */
export function trendStores(tables: TableClientFactory, now: () => Date): TrendStores {
  const boardsTable = () => tables(BOARDS_TABLE);
  const store = createTrendStore(tables);
  const sources: FactSources = {
    boards: createTableBoardStore(tables),
    scheduled: createScheduledOccurrenceStore(boardsTable),
    claims: createTableStatusRequestClaimStore(tables),
    statusUpdates: createTableStatusUpdateStore(tables),
    blockers: createBlockerStore(boardsTable),
    boardIds: async (pair) => boardOccurrenceIds(await boardsTable(), pair),
  };
  const trendSharing = createTrendSharingStore(tables, store);
  return {
    trendRecorder: createTrendRecorder(store, sources, createCommitmentStore(boardsTable), trendSharing, now),
    trendReader: createTrendReader(store),
    trendSharing,
  };
}
