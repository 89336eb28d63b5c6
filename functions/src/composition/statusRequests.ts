import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config';
import type { GraphBatchRunner } from '../graph/graphBatch';
import { createGraphMailGateway, type MailGateway } from '../graph/mailGateway';
import { createStatusScanGateway, type StatusScanGateway } from '../graph/statusScanGateway';
import type { PreMeetingScanDeps, ScanHooks } from '../jobs/preMeetingScan';
import type { StatusRequestConfig } from '../config/statusRequests';
import {
  createTableStatusRequestClaimStore,
  type StatusRequestClaimStore,
  type StatusRequestClaim,
} from '../store/statusRequestClaimStore';
import { createTableEnrolmentStore, type EnrolmentStore } from '../store/enrolmentStore';
import { createTableStatusUpdateStore, type StatusUpdateStore } from '../store/statusUpdateStore';
import { createTablePrepClaimStore, type PrepClaimStore } from '../store/prepClaimStore';
import type { PrepSources } from '../jobs/prepMessages';
import { createTableClientFactory } from '../store/tables';
import type { BotServices } from './bot';
import type { AttachServices } from './attach';
import type { MeetingChatGateway } from '../graph/meetingChatGateway';
import type { MailSending } from '../delivery/mail';
import { realSleep, SendPacer } from '../delivery/pacing';
import { DEFAULT_SETTLING } from '../delivery/settling';

/** The pieces of Services that the pre-meeting status requests add. */
export interface StatusRequestServices {
  /** The tenant the timer works for (HTTP handlers take it from the caller's token). */
  tenantId: string;
  statusRequests: StatusRequestConfig;
  mail: MailGateway;
  statusScan: StatusScanGateway;
  statusRequestClaims: StatusRequestClaimStore;
  statusUpdates: StatusUpdateStore;
  enrolments: EnrolmentStore;
  /** The managers' prep messages' claims (jobs/prepMessages), one per manager and occurrence. */
  prepClaims: PrepClaimStore;
  /** Requests this process saw sent (jobs/preMeetingScan `sentCache`), so repeat scans skip their table reads. */
  sentRequests: Map<string, StatusRequestClaim>;
  /** Test seam: stop a scan where a crash would (see jobs/preMeetingScan ScanHooks). */
  scanHooks?: ScanHooks;
  /** One pacer per process for every timer mail (scan and digest), and the settling bounds. */
  mailSending?: MailSending;
}

/** The timer mail's pacing and settling from config; `sleep` waits for a mailbox's next turn (a test's clock). */
export function mailSendingOf(
  config: StatusRequestConfig,
  sleep: (ms: number) => Promise<void> = realSleep,
): MailSending {
  return {
    pace: { pacer: new SendPacer(config.mailsPerMinute), sleep },
    settling: { ...DEFAULT_SETTLING, windowMs: config.settlingWindowMs },
  };
}

/** `batches` runs the scan's Graph reads; composition/index.ts shares it with the daily trends job. */
export function createStatusRequestServices(
  config: Config,
  graph: Client,
  batches: GraphBatchRunner,
): StatusRequestServices {
  const tables = createTableClientFactory(config.tables);
  return {
    tenantId: config.auth.tenantId,
    statusRequests: config.statusRequests,
    mail: createGraphMailGateway(graph),
    statusScan: createStatusScanGateway(batches, { directoryTtlMs: config.statusRequests.directoryCacheTtlMs }),
    statusRequestClaims: createTableStatusRequestClaimStore(tables),
    statusUpdates: createTableStatusUpdateStore(tables),
    enrolments: createTableEnrolmentStore(tables),
    prepClaims: createTablePrepClaimStore(tables),
    sentRequests: new Map(),
    mailSending: mailSendingOf(config.statusRequests),
  };
}

/** What one pre-meeting scan runs on, from these services: the timer, the bench and the fault tests share it. */
export function preMeetingScanDeps(
  services: StatusRequestServices & { clock: () => Date } & Partial<
      Pick<BotServices, 'statusChannels' | 'chatDelivery' | 'chatHooks' | 'meetingChats'>
    > &
    Partial<AttachServices> & { teamsMeetings?: MeetingChatGateway } & Partial<Omit<PrepSources, 'prepClaims'>> & {
      meetingResolutions?: PreMeetingScanDeps['meetingResolutions'];
    },
  extras: Pick<PreMeetingScanDeps, 'hooks' | 'log'> = {},
): PreMeetingScanDeps {
  const hooks = extras.hooks ?? services.scanHooks;
  return {
    tenantId: services.tenantId,
    config: services.statusRequests,
    clock: services.clock,
    enrolments: services.enrolments,
    claims: services.statusRequestClaims,
    gateway: services.statusScan,
    ...(services.mailSending ? { mailSending: services.mailSending } : {}),
    sentCache: services.sentRequests,
    ...(services.meetingChats ? { meetingChats: services.meetingChats } : {}),
    ...(services.meetingResolutions ? { meetingResolutions: services.meetingResolutions } : {}),
    // Candor in each due 1:1's meeting chat, for managers who turned it on; its chat found as the recap's is.
    ...(services.attachToOneOnOnes
      ? {
          attach: {
            ...services.attachToOneOnOnes,
            ...(services.teamsMeetings ? { meetings: services.teamsMeetings } : {}),
          },
        }
      : {}),
    // The managers' prep messages, wherever the board's stores are part of the services (the whole app).
    ...(services.boards && services.pairHistory && services.commitments && services.trendSharing
      ? {
          prep: {
            prepClaims: services.prepClaims,
            statusUpdates: services.statusUpdates,
            boards: services.boards,
            pairHistory: services.pairHistory,
            commitments: services.commitments,
            trendSharing: services.trendSharing,
          },
        }
      : {}),
    ...(hooks ? { hooks } : {}),
    // Status by chat, only where the bot can reach people.
    ...(services.statusChannels && services.chatDelivery
      ? {
          chat: {
            channels: services.statusChannels,
            delivery: services.chatDelivery,
            updates: services.statusUpdates,
            ...(services.chatHooks ? { hooks: services.chatHooks } : {}),
          },
        }
      : {}),
    ...(extras.log ? { log: extras.log } : {}),
  };
}
