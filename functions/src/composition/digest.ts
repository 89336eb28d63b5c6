import type { Config } from '../config';
import type { DigestConfig } from '../config/digest';
import type { DigestHooks } from '../jobs/monthlyDigest';
import { createTableDigestClaimStore, type DigestClaimStore } from '../store/digestClaimStore';
import { createTableClientFactory } from '../store/tables';

/** The pieces of Services that the monthly digest adds; it mails through the status requests' gateway. */
export interface DigestServices {
  digest: DigestConfig;
  /** The digest's claims (jobs/monthlyDigest): the same exactly-once mail machinery, one per manager and month. */
  digestClaims: DigestClaimStore;
  /** Test seam: stop a digest run where a crash would (see jobs/monthlyDigest DigestHooks). */
  digestHooks?: DigestHooks;
}

export function createDigestServices(config: Config): DigestServices {
  return { digest: config.digest, digestClaims: createTableDigestClaimStore(createTableClientFactory(config.tables)) };
}
