import type { StatusRequestServices } from '@candor/functions/composition/statusRequests';
import type { DigestServices } from '@candor/functions/composition/digest';
import type { TrendServices } from '@candor/functions/composition/trends';
import { readDigestConfig } from '@candor/functions/config/digest';
import { readTrendsConfig } from '@candor/functions/config/trends';
import { readStatusRequestConfig } from '@candor/functions/config/statusRequests';
import { createTableStatusRequestClaimStore } from '@candor/functions/store/statusRequestClaimStore';
import { createTableDigestClaimStore } from '@candor/functions/store/digestClaimStore';
import { createTableEnrolmentStore } from '@candor/functions/store/enrolmentStore';
import { createTableStatusUpdateStore } from '@candor/functions/store/statusUpdateStore';
import { createTablePrepClaimStore } from '@candor/functions/store/prepClaimStore';
import type { TableClientFactory } from '@candor/functions/store/tables';

/**
 * The status-request part of Services for tests that build Services by hand: real Table Storage stores, and Graph
 * pieces that fail loudly if a test that is not about status requests reaches them.
 */
export function statusRequestServicesFor(tables: TableClientFactory, tenantId: string): StatusRequestServices {
  const config = readStatusRequestConfig({});
  if (!config.ok) throw new Error(config.problems.join('; '));
  return {
    tenantId,
    statusRequests: config.value,
    mail: { send: unused('mail.send'), wasSent: unused('mail.wasSent') },
    statusScan: {
      calendars: unused('statusScan.calendars'),
      directories: unused('statusScan.directories'),
      timeZones: unused('statusScan.timeZones'),
      peopleByAddress: unused('statusScan.peopleByAddress'),
      send: unused('statusScan.send'),
      sentAlready: unused('statusScan.sentAlready'),
    },
    statusRequestClaims: createTableStatusRequestClaimStore(tables),
    statusUpdates: createTableStatusUpdateStore(tables),
    enrolments: createTableEnrolmentStore(tables),
    prepClaims: createTablePrepClaimStore(tables),
    sentRequests: new Map(),
  };
}

/** The monthly digest's and the daily trends job's pieces of Services, their Graph reads failing loudly like the above. */
export function digestAndTrendJobServicesFor(
  tables: TableClientFactory,
): DigestServices & Pick<TrendServices, 'trends' | 'calendarLoad'> {
  const digest = readDigestConfig({});
  const trends = readTrendsConfig({}, { formBaseUrl: null, teamsCatalogAppId: null, tenantId: null });
  if (!digest.ok || !trends.ok) throw new Error('the default digest and trends settings are invalid');
  return {
    digest: digest.value,
    digestClaims: createTableDigestClaimStore(tables),
    trends: trends.value,
    calendarLoad: { workingHours: unused('calendarLoad.workingHours'), loadEvents: unused('calendarLoad.loadEvents') },
  };
}

const unused = (what: string) => (): Promise<never> => Promise.reject(new Error(`${what} is not part of this test`));
