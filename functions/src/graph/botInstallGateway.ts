import type { Client } from '@microsoft/microsoft-graph-client';
import type { ChatUnavailableReason } from '../contract';

/**
 * Reaching a person the bot never talked to (status by chat): install Candor for them through Graph, then read the chat
 * between them and the bot, whose id is the Bot Framework conversation id. Application permission
 * `TeamsAppInstallation.ReadWriteSelfForUser.All` (the app may install only itself).
 */
export interface BotInstallGateway {
  /**
   * The conversation id of the person's 1:1 chat with the bot, installing the app for them when needed; or why Teams
   * will not let the bot reach them. Throws when the failure may pass by itself (throttling, an outage).
   */
  personalChatId(userId: string): Promise<ChatReach>;
}

/** Whether the bot can reach a person: their chat with it, or Teams' lasting refusal to add it for them. */
export type ChatReach =
  { kind: 'chat'; conversationId: string } | { kind: 'unavailable'; reason: ChatUnavailableReason; detail: string };

interface InstalledApp {
  id?: string;
}

export function createBotInstallGateway(
  graph: Client,
  options: { graphBaseUrl: string; teamsCatalogAppId: string },
): BotInstallGateway {
  const user = (userId: string): string => `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
  const installationOf = async (userId: string): Promise<string | null> => {
    const page = (await graph
      .api(user(userId))
      .filter(`teamsApp/id eq '${options.teamsCatalogAppId.replace(/'/g, "''")}'`)
      .expand('teamsApp')
      .get()) as { value?: InstalledApp[] };
    return page.value?.find((app) => typeof app.id === 'string')?.id ?? null;
  };
  /** The person's installation of Candor, installing it first when needed; Teams' refusals are classified here. */
  const installed = async (userId: string): Promise<string> => {
    const found = await installationOf(userId);
    if (found) return found;
    try {
      await graph.api(user(userId)).post({
        'teamsApp@odata.bind': `${options.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${options.teamsCatalogAppId}`,
      });
    } catch (error) {
      // Installed meanwhile (another scan, or the person opened Candor): read it below.
      if (refusalOf(error)?.status !== 409) throw error;
    }
    const installation = await installationOf(userId);
    if (!installation) throw new Error('the Candor app is not installed for this person after installing it');
    return installation;
  };
  return {
    async personalChatId(userId) {
      let installation: string;
      try {
        installation = await installed(userId);
      } catch (error) {
        const refusal = refusalOf(error);
        const reason = refusal && chatUnavailableReasonOf(refusal);
        if (!refusal || !reason) throw error;
        const detail = `status ${refusal.status}${refusal.code ? ` ${refusal.code}` : ''}`;
        return { kind: 'unavailable', reason, detail };
      }
      // Once installed, a failure to read the chat says nothing about the person: it is tried again.
      const chat = (await graph.api(`${user(userId)}/${encodeURIComponent(installation)}/chat`).get()) as {
        id?: unknown;
      };
      if (typeof chat.id !== 'string' || chat.id === '')
        throw new Error('Graph returned no chat for the installed app');
      return { kind: 'chat', conversationId: chat.id };
    },
  };
}

/** What Graph answered when it refused: the status, the error code and message of its body. */
export interface GraphRefusal {
  status: number;
  code?: string;
  message?: string;
}

/**
 * Which refusals of adding the bot for a person last until someone changes something in the tenant, and why; null
 * for those that may pass by themselves (429, 5xx, a timeout) or that say nothing about the person (401).
 *
 * - 404 from installing: the catalog app id is unknown (the package was not uploaded, or was re-uploaded with a new
 *   id); 404 naming the user: Teams does not know them, i.e. they have no Teams licence.
 * - 400: a bind to no app of the catalog; but Teams' own back-end hiccups also answer 400 ("Failed to execute …",
 *   "Exception in …"), and those pass on a retry.
 * - 403 "App is blocked by app permission policy" (inner code AccessDenied): the policy assigned to the person, or an
 *   admin who blocked the app; "Failed to get license information…": no licence; missing scopes or
 *   Authorization_RequestDenied: Candor's own Graph permission is not granted.
 */
export function chatUnavailableReasonOf(refusal: GraphRefusal): ChatUnavailableReason | null {
  const message = refusal.message ?? '';
  switch (refusal.status) {
    case 400:
      return /failed to execute|exception in/i.test(message) ? null : 'notInCatalog';
    case 403:
      if (/licen[cs]e/i.test(message)) return 'noTeamsLicence';
      if (/permission polic|blocked/i.test(message)) return 'blocked';
      if (refusal.code === 'Authorization_RequestDenied' || /scope|privileges|caller is not authorized/i.test(message))
        return 'notPermitted';
      return 'blocked';
    case 404:
      return /\buser\b/i.test(message) ? 'noTeamsLicence' : 'notInCatalog';
    default:
      return null;
  }
}

/** The status, code and message of what the Graph client threw; undefined for anything without a status. */
function refusalOf(error: unknown): GraphRefusal | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error) || typeof error.statusCode !== 'number')
    return undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = error instanceof Error ? error.message : undefined;
  return {
    status: error.statusCode,
    ...(code !== undefined ? { code } : {}),
    ...(message !== undefined ? { message } : {}),
  };
}
