import { z } from 'zod';
import {
  httpUrl,
  ncrontab,
  parseOptionalVariables,
  trimmed,
  withoutTrailingSlash,
  type Env,
  type SectionRead,
} from './env';
import { MAX_LEAD_TIME_HOURS, MIN_LEAD_TIME_HOURS, objectIdSchema } from '../contract';
import { EXCHANGE_MESSAGES_PER_MINUTE } from '../delivery/pacing';
import { DEFAULT_SETTLING } from '../delivery/settling';

/** Settings of the pre-meeting status requests: the scan timer, enrolment, the email and its link. */
export interface StatusRequestConfig {
  /** NCRONTAB schedule of the scan timer. */
  scanSchedule: string;
  /** Global lead time: a 1:1 is due for a request this long before it starts (per-manager/pair values override). */
  defaultLeadTimeMinutes: number;
  /** Managers enrolled by configuration (object ids, lower-case); the enrolment API adds to and overrides this. */
  enrolledManagerIds: string[];
  /** `off`: the organization enrols managers centrally (configuration); managers see their settings read-only. */
  selfEnrolment: 'allowed' | 'off';
  /** Object id or UPN of the mailbox requests come from when the manager's own mailbox may not be used. */
  serviceMailbox: string | null;
  /** HS256 secret of the status-form link tokens; without it no request is sent (the link could not be signed). */
  linkSecret: Uint8Array | null;
  /** The tab's public base URL; the link is `{formBaseUrl}/?surface=status&token=…`. */
  formBaseUrl: string | null;
  /** How long a claim belongs to the scan that took it before another scan may settle and take it over. */
  claimLeaseMs: number;
  /** How long the scan keeps the org chart (managers' direct reports) and recipients' time zones. */
  directoryCacheTtlMs: number;
  /** Graph `$batch` requests the scan (and the daily trends job, sharing its runner) keeps in flight at once. */
  maxBatchesInFlight: number;
  /** Messages one mailbox sends a minute at most: Exchange Online's message rate limit (30) unless set lower. */
  mailsPerMinute: number;
  /** How long after a send of unknown outcome "not in Sent Items" is still taken as "not there yet". */
  settlingWindowMs: number;
}

const hours = z.coerce
  .number({ error: 'must be a number of hours' })
  .min(MIN_LEAD_TIME_HOURS, `must be at least ${MIN_LEAD_TIME_HOURS}`)
  .max(MAX_LEAD_TIME_HOURS, `must be at most ${MAX_LEAD_TIME_HOURS}`);
const seconds = z.coerce.number({ error: 'must be a number of seconds' }).int().positive();

const envSchema = z.object({
  STATUS_SCAN_SCHEDULE: ncrontab.optional(),
  STATUS_LEAD_TIME_HOURS: hours.optional(),
  STATUS_ENROLLED_MANAGERS: trimmed.optional(),
  STATUS_SELF_ENROLMENT: z.enum(['allowed', 'off'], { error: "must be 'allowed' or 'off'" }).optional(),
  STATUS_SERVICE_MAILBOX: trimmed.optional(),
  // 32 characters at least: HS256 is only as strong as its key.
  STATUS_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  STATUS_FORM_BASE_URL: httpUrl.optional(),
  STATUS_CLAIM_LEASE_SECONDS: seconds.optional(),
  STATUS_DIRECTORY_CACHE_HOURS: z.coerce.number().positive().optional(),
  STATUS_SCAN_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(64).optional(),
  // Exchange Online holds back (queues) what a mailbox sends beyond 30 a minute; a higher pace would only queue.
  STATUS_MAILS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(EXCHANGE_MESSAGES_PER_MINUTE, `must be at most ${EXCHANGE_MESSAGES_PER_MINUTE}, Exchange Online's limit`)
    .optional(),
  STATUS_SETTLING_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});

export const DEFAULT_SCAN_SCHEDULE = '0 */15 * * * *';
export const DEFAULT_LEAD_TIME_HOURS = 24;

/** Problems are returned (not thrown) so config/index.ts can report them with everything else that is wrong. */
export function readStatusRequestConfig(env: Env): SectionRead<StatusRequestConfig> {
  const parsed = parseOptionalVariables(envSchema, env);
  if (!parsed.ok) return parsed;
  const e = parsed.value;
  const managers = (e.STATUS_ENROLLED_MANAGERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const badManager = managers.find((id) => !objectIdSchema.safeParse(id).success);
  if (badManager !== undefined) {
    return { ok: false, problems: ['STATUS_ENROLLED_MANAGERS must be a comma-separated list of Entra object ids'] };
  }
  return {
    ok: true,
    value: {
      scanSchedule: e.STATUS_SCAN_SCHEDULE ?? DEFAULT_SCAN_SCHEDULE,
      defaultLeadTimeMinutes: Math.round((e.STATUS_LEAD_TIME_HOURS ?? DEFAULT_LEAD_TIME_HOURS) * 60),
      enrolledManagerIds: managers.map((id) => id.toLowerCase()),
      selfEnrolment: e.STATUS_SELF_ENROLMENT ?? 'allowed',
      serviceMailbox: e.STATUS_SERVICE_MAILBOX ?? null,
      linkSecret: e.STATUS_LINK_SECRET ? new TextEncoder().encode(e.STATUS_LINK_SECRET) : null,
      formBaseUrl: e.STATUS_FORM_BASE_URL ? withoutTrailingSlash(e.STATUS_FORM_BASE_URL) : null,
      claimLeaseMs: (e.STATUS_CLAIM_LEASE_SECONDS ?? 600) * 1000,
      directoryCacheTtlMs: Math.round((e.STATUS_DIRECTORY_CACHE_HOURS ?? 24) * 3600_000),
      maxBatchesInFlight: e.STATUS_SCAN_BATCHES_IN_FLIGHT ?? 8,
      mailsPerMinute: e.STATUS_MAILS_PER_MINUTE ?? EXCHANGE_MESSAGES_PER_MINUTE,
      settlingWindowMs: (e.STATUS_SETTLING_MINUTES ?? DEFAULT_SETTLING.windowMs / 60_000) * 60_000,
    },
  };
}
