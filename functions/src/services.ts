import type { TokenCredential } from '@azure/identity';
import { createTokenValidator, type TokenValidator } from './auth/tokenValidator';
import type { Config } from './config';
import { createGraphCalendarGateway, type CalendarGateway } from './graph/calendarGateway';
import { createAppCredential, createGraphClient } from './graph/graphClient';
import { createGraphOrgChartGateway, type OrgChartGateway } from './graph/orgChartGateway';
import { createTableBoardStore, type BoardStore } from './store/boardStore';
import { createTableClientFactory } from './store/tables';
import { createStatusRequestServices, type StatusRequestServices } from './statusRequestServices';
import { createPromptBoardServices, type PromptBoardServices } from './promptBoardServices';
import { createTrendServices, type TrendServices } from './trendServices';

/** Everything the handlers use, built once per process. */
export interface Services extends StatusRequestServices, PromptBoardServices, TrendServices {
  clock: () => Date;
  tokens: TokenValidator;
  boards: BoardStore;
  calendar: CalendarGateway;
  orgChart: OrgChartGateway;
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
    createAppCredential({
      authorityHost: config.auth.authorityHost,
      tenantId: config.auth.tenantId,
      clientId: config.auth.clientId,
      clientSecret: config.graph.clientSecret,
    });
  const graph = createGraphClient(config.graph.baseUrl, credential);
  return {
    clock: () => new Date(),
    tokens: createTokenValidator({
      authorityHost: config.auth.authorityHost,
      tenantId: config.auth.tenantId,
      audiences: config.auth.audiences,
      requiredScope: config.auth.requiredScope,
    }),
    boards: createTableBoardStore(createTableClientFactory(config.tables)),
    calendar: createGraphCalendarGateway(graph),
    orgChart: createGraphOrgChartGateway(graph, { ttlMs: config.orgChartCacheTtlMs }),
    ...createStatusRequestServices(config, graph),
    ...createPromptBoardServices(config),
    // Monthly trends (issue 6) read the same clock as the handlers, including a test's replacement clock.
    ...createTrendServices(config, () => (replacements.clock ?? (() => new Date()))()),
    ...replacements,
  };
}
