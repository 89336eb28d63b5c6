import type { Config } from '../config';
import { DEFAULT_RETENTION_MONTHS } from '../domain/retention';
import { DEFAULT_RETENTION_SCHEDULE, type PrivacyConfig } from '../config/privacy';
import { createTableClientFactory, type TableClientFactory } from '../store/tables';

/**
 * The pieces of Services the privacy promises add: the settings, and the tables themselves — retention,
 * export and deletion work across every table of a person or a tenant, which no single-purpose store covers.
 */
export interface PrivacyServices {
  privacy: PrivacyConfig;
  privacyTables: TableClientFactory;
}

export const DEFAULT_PRIVACY_CONFIG: PrivacyConfig = {
  retentionMonths: DEFAULT_RETENTION_MONTHS,
  retentionSchedule: DEFAULT_RETENTION_SCHEDULE,
  formerManagerTrendAccess: 'none',
};

export function createPrivacyServices(config: Config): PrivacyServices {
  return privacyStores(createTableClientFactory(config.tables), config.privacy);
}

/** The same over any table client factory (tests pass Azurite's). */
export function privacyStores(
  tables: TableClientFactory,
  privacy: PrivacyConfig = DEFAULT_PRIVACY_CONFIG,
): PrivacyServices {
  return { privacy, privacyTables: tables };
}
