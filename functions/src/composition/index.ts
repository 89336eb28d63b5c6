import type { TokenCredential } from '@azure/identity';
import { createTokenValidator, type TokenValidator } from '../auth/tokenValidator';
import type { Config } from '../config';
import { createGraphCalendarGateway, type CalendarGateway } from '../graph/calendarGateway';
import { createCallerCalendar, type CallerCalendar } from '../graph/callerCalendar';
import { createOnBehalfOf } from '../auth/onBehalfOf';
import { createAppOnlyCredential, createGraphClient } from '../graph/graphClient';
import { createGraphBatchRunner } from '../graph/graphBatch';
import { createGraphOrgChartGateway, type OrgChartGateway } from '../graph/orgChartGateway';
import { createMeetingChatGateway, type MeetingChatGateway } from '../graph/meetingChatGateway';
import { createTableBoardStore, type BoardStore } from '../store/boardStore';
import { createTableClientFactory } from '../store/tables';
import { createStatusRequestServices, type StatusRequestServices } from './statusRequests';
import { createPromptBoardServices, type PromptBoardServices } from './boards';
import { createDigestServices, type DigestServices } from './digest';
import { createTrendServices, type TrendServices } from './trends';
import { createPrivacyServices, type PrivacyServices } from './privacy';
import { createWriteRateLimiter, type WriteRateLimiter } from '../http/pipeline/limits';
import { createBotServices, type BotServices } from './bot';
import { createAttachServices, type AttachServices } from './attach';

/** Everything the handlers use, built once per process. */
export interface Services
  extends
    StatusRequestServices,
    DigestServices,
    PromptBoardServices,
    TrendServices,
    PrivacyServices,
    BotServices,
    Partial<AttachServices> {
  clock: () => Date;
  tokens: TokenValidator;
  boards: BoardStore;
  /** App-only calendar reads (timers). */
  calendar: CalendarGateway;
  /**
   * The caller's own calendar with their delegated permission (On-Behalf-Of), for the meeting board. Absent
   * (tests that replace `calendar`): the handler reads through `calendar`.
   */
  callerCalendar?: CallerCalendar;
  orgChart: OrgChartGateway;
  /**
   * A Teams meeting's chat and online meeting as Graph states them (app-only), for short join links. Absent (tests'
   * hand-built services): only long join links, which name their chat, are matched.
   */
  teamsMeetings?: MeetingChatGateway;
  /** Per-caller write limits of this process (http/pipeline/limits.ts); routes.ts uses the defaults when absent. */
  writeLimiter?: WriteRateLimiter;
}

/**
 * The composition root: real stores and gateways from config. Nothing here does I/O yet (tables are created on
 * first use, tokens fetched on the first Graph call), so building services never blocks start-up.
 * `overrides` lets tests and the local host replace single pieces.
 */
export function createServices(
  config: Config,
  overrides: Partial<Services> & { graphCredential?: TokenCredential } = {},
): Services {
  const { graphCredential, ...replacements } = overrides;
  const credential =
    graphCredential ??
    createAppOnlyCredential(config.graph.appIdentity, {
      authorityHost: config.auth.authorityHost,
      tenantId: config.auth.tenantId,
      clientId: config.auth.clientId,
      clientSecret: config.graph.clientSecret,
    });
  const graph = createGraphClient(config.graph.baseUrl, credential);
  // One runner for the scan's and the trends job's Graph reads: they share its limit on batches in flight.
  const batches = createGraphBatchRunner(graph, { maxInFlight: config.statusRequests.maxBatchesInFlight });
  // Every piece but the bot first: the bot's handlers read this very object, finished below with the bot's own pieces.
  const services = {
    clock: () => new Date(),
    tokens: createTokenValidator({
      authorityHost: config.auth.authorityHost,
      tenantId: config.auth.tenantId,
      allowedTenantIds: config.auth.allowedTenantIds,
      audiences: config.auth.audiences,
      requiredScope: config.auth.requiredScope,
    }),
    boards: createTableBoardStore(createTableClientFactory(config.tables)),
    calendar: createGraphCalendarGateway(graph),
    // A replaced calendar gateway (a test's fake) stands for both kinds of access.
    ...(replacements.calendar
      ? {}
      : {
          callerCalendar: createCallerCalendar(
            config.graph.baseUrl,
            createOnBehalfOf({
              authorityHost: config.auth.authorityHost,
              clientId: config.auth.clientId,
              clientSecret: config.graph.clientSecret,
            }),
          ),
        }),
    orgChart: createGraphOrgChartGateway(graph, { ttlMs: config.orgChartCacheTtlMs }),
    teamsMeetings: createMeetingChatGateway(graph),
    writeLimiter: createWriteRateLimiter(config.rateLimit),
    ...createStatusRequestServices(config, graph, batches),
    ...createDigestServices(config),
    ...createPromptBoardServices(config),
    ...createPrivacyServices(config),
    ...createAttachServices(config, graph),
    // Monthly trends read the same clock as the handlers, including a test's replacement clock.
    ...createTrendServices(config, batches, () => (replacements.clock ?? (() => new Date()))()),
    ...replacements,
  };
  return Object.assign(services, createBotServices(config, graph, credential, services), replacements);
}
