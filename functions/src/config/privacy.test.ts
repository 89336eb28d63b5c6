import { readPrivacyConfig, DEFAULT_RETENTION_SCHEDULE } from './privacy';

describe('privacy configuration', () => {
  it('defaults to 13 months, a daily sweep and no access for a former manager', () => {
    expect(readPrivacyConfig({})).toEqual({
      ok: true,
      value: { retentionMonths: 13, retentionSchedule: DEFAULT_RETENTION_SCHEDULE, formerManagerTrendAccess: 'none' },
    });
  });

  it('reads the documented settings', () => {
    const read = readPrivacyConfig({
      RETENTION_MONTHS: '24',
      RETENTION_SCHEDULE: '0 0 3 * * *',
      FORMER_MANAGER_TREND_ACCESS: 'none',
    });
    expect(read).toEqual({
      ok: true,
      value: { retentionMonths: 24, retentionSchedule: '0 0 3 * * *', formerManagerTrendAccess: 'none' },
    });
  });

  it('refuses what it cannot keep: a former manager keeping history, a period of no months, a five-field schedule', () => {
    const read = readPrivacyConfig({
      RETENTION_MONTHS: '0',
      RETENTION_SCHEDULE: '0 3 * * *',
      FORMER_MANAGER_TREND_ACCESS: 'history',
    });
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toEqual([
      expect.stringMatching(/^RETENTION_MONTHS must be at least 1/),
      expect.stringMatching(/^RETENTION_SCHEDULE must be an NCRONTAB expression/),
      expect.stringMatching(/^FORMER_MANAGER_TREND_ACCESS must be "none"/),
    ]);
  });
});
