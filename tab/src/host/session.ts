import type { ApiClient } from '../api/client';
import type { HostContext } from './context';

/** What every surface works with once the host answered: who and where (the host's context), and Candor's API. */
export interface Session {
  host: HostContext;
  api: ApiClient;
}
