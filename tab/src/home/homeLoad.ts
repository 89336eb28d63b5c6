import type { HomeView } from '@candor/contract';
import { describeFailure } from '../api/failureText';
import type { Session } from '../host/session';

/** What Home shows after its one read: the coming 1:1s, or why not (and whether trying again by itself may help). */
export type HomeLoad =
  { kind: 'ready'; home: HomeView } | { kind: 'error'; title: string; message: string; retryable: boolean };

export async function loadHome(session: Session): Promise<HomeLoad> {
  const result = await session.api.getHome();
  return result.ok ? { kind: 'ready', home: result.value } : { kind: 'error', ...describeFailure(result) };
}
