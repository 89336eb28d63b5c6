import type { Client } from '@microsoft/microsoft-graph-client';

/**
 * Reaching a person the bot never talked to (status by chat): install Candor for them through Graph, then read the chat
 * between them and the bot, whose id is the Bot Framework conversation id. Application permission
 * `TeamsAppInstallation.ReadWriteSelfForUser.All` (the app may install only itself).
 */
export interface BotInstallGateway {
  /** The conversation id of the person's 1:1 chat with the bot, installing the app for them when needed. */
  personalChatId(userId: string): Promise<string>;
}

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
  return {
    async personalChatId(userId) {
      let installation = await installationOf(userId);
      if (!installation) {
        try {
          await graph.api(user(userId)).post({
            'teamsApp@odata.bind': `${options.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${options.teamsCatalogAppId}`,
          });
        } catch (error) {
          // Installed meanwhile (another scan, or the person opened Candor): read it below.
          if (statusOf(error) !== 409) throw error;
        }
        installation = await installationOf(userId);
        if (!installation) throw new Error('the Candor app is not installed for this person after installing it');
      }
      const chat = (await graph.api(`${user(userId)}/${encodeURIComponent(installation)}/chat`).get()) as {
        id?: unknown;
      };
      if (typeof chat.id !== 'string' || chat.id === '')
        throw new Error('Graph returned no chat for the installed app');
      return chat.id;
    },
  };
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number'
    ? error.statusCode
    : undefined;
}
