import { z } from 'zod';
import { objectIdSchema } from './ids';

/**
 * The report's written status before a 1:1 ("status out of the meeting"): four optional free-text parts, so the
 * live conversation can go to the three prompts instead.
 */
export const STATUS_FIELD_IDS = ['finished', 'inProgress', 'blocked', 'fyi'] as const;
export const statusFieldIdSchema = z.enum(STATUS_FIELD_IDS);
export type StatusFieldId = z.infer<typeof statusFieldIdSchema>;

/** Longest text one status part accepts; the API answers 400 above it. */
export const MAX_STATUS_FIELD_LENGTH = 2000;

const statusText = z.string().max(MAX_STATUS_FIELD_LENGTH, `must be at most ${MAX_STATUS_FIELD_LENGTH} characters`);

export const statusFieldsSchema = z.object({
  finished: z.string(),
  inProgress: z.string(),
  blocked: z.string(),
  fyi: z.string(),
});
export type StatusFields = z.infer<typeof statusFieldsSchema>;

export const statusUpdateSchema = z.object({
  fields: statusFieldsSchema,
  /** Increases by one on every accepted save. */
  revision: z.number().int().nonnegative(),
  firstSubmittedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;

/**
 * PUT body of the status form: only the parts the report changed, and the update revision they were typed
 * against (0 when nothing was stored yet). A part that is absent is unchanged, never emptied: an empty string
 * is how a part is cleared. Several surfaces write the same update (the form, the Candor bot's card, the board's
 * "Move to status update"), so the server merges: a part changed elsewhere after `baseRevision` whose stored text
 * differs from the sent text is refused with 409 `conflict` (see statusUpdateConflictSchema) and nothing is
 * written; every other part keeps what is stored. Unknown keys are refused by name.
 */
export const saveStatusUpdateRequestSchema = z.strictObject({
  baseRevision: z.number().int().nonnegative(),
  finished: statusText.optional(),
  inProgress: statusText.optional(),
  blocked: statusText.optional(),
  fyi: statusText.optional(),
});
export type SaveStatusUpdateRequest = z.infer<typeof saveStatusUpdateRequestSchema>;

/** Where a part of a status update was last written: the status form, the bot's card in Teams chat, or the board. */
export const statusSurfaceSchema = z.enum(['form', 'chat', 'board']);
export type StatusSurface = z.infer<typeof statusSurfaceSchema>;

/**
 * 409 body of a save that would overwrite a part changed elsewhere since `baseRevision`: which parts, where each
 * was changed (null for updates stored before this was recorded), and the update as it stands now.
 */
export const statusUpdateConflictSchema = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  current: statusUpdateSchema,
  parts: z.array(z.object({ part: statusFieldIdSchema, changedIn: statusSurfaceSchema.nullable() })).min(1),
});
export type StatusUpdateConflict = z.infer<typeof statusUpdateConflictSchema>;

/** What the status form shows: which 1:1 the link is for, until when it can be edited, what was saved. */
export const statusFormViewSchema = z.object({
  meeting: z.object({ subject: z.string(), start: z.iso.datetime() }),
  manager: z.object({ displayName: z.string() }),
  report: z.object({ displayName: z.string() }),
  /** The meeting's start: the form is read-only from then on. */
  editableUntil: z.iso.datetime(),
  editable: z.boolean(),
  update: statusUpdateSchema.nullable(),
});
export type StatusFormView = z.infer<typeof statusFormViewSchema>;

export const saveStatusUpdateResponseSchema = z.object({ update: statusUpdateSchema });
export type SaveStatusUpdateResponse = z.infer<typeof saveStatusUpdateResponseSchema>;

/** The manager's (and the report's) read of one occurrence's status update, for the prep view. */
export const statusUpdateViewSchema = z.object({
  update: statusUpdateSchema.nullable(),
  /**
   * How this occurrence's request reached the report: `email`, `chat` (the Candor bot's card) or `both`;
   * absent when no request went out.
   */
  requestChannel: z.enum(['email', 'chat', 'both']).optional(),
  /**
   * Whether a status update can still be sent, by the service's clock: `open` (a request went out and the 1:1 has
   * not started), `notRequested` (no request for this occurrence yet), `requestsOff` (the manager's 1:1s get none),
   * `started` (the 1:1 has started; nothing more can be sent).
   */
  availability: z.enum(['open', 'notRequested', 'requestsOff', 'started']).optional(),
  /** The report's own status form, freshly signed: only for the report, and only while `availability` is `open`. */
  formUrl: z.url().optional(),
});
export type StatusUpdateView = z.infer<typeof statusUpdateViewSchema>;
export type StatusAvailability = NonNullable<StatusUpdateView['availability']>;

/** The one line the side panel shows about the status update (a link to read it, never the text itself). */
export const statusUpdateSummarySchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('received'), updatedAt: z.iso.datetime() }),
  /** `started`: the 1:1 has started by the service's clock, so no update can be sent any more. */
  z.object({ state: z.literal('none'), started: z.boolean().optional() }),
]);
export type StatusUpdateSummary = z.infer<typeof statusUpdateSummarySchema>;

// ---- enrolment: which managers' 1:1s get a status request, and how early ------------------------------------

/** Lead time: how long before a 1:1 its status request goes out. */
export const MIN_LEAD_TIME_HOURS = 1;
export const MAX_LEAD_TIME_HOURS = 168;
const leadTimeHours = z
  .number()
  .min(MIN_LEAD_TIME_HOURS, `must be at least ${MIN_LEAD_TIME_HOURS} hour`)
  .max(MAX_LEAD_TIME_HOURS, `must be at most ${MAX_LEAD_TIME_HOURS} hours (a week)`);

/** How long before a 1:1 the manager's prep message goes out. */
export const DEFAULT_PREP_MINUTES = 30;
const prepMinutes = z
  .number()
  .int('must be whole minutes')
  .min(5, 'must be at least 5 minutes')
  .max(24 * 60, 'must be at most a day (1440 minutes)');

export const enrolmentSourceSchema = z.enum(['configuration', 'api', 'none']);

export const enrolmentViewSchema = z.object({
  managerId: objectIdSchema,
  enrolled: z.boolean(),
  /** Where `enrolled` comes from: the app's configuration, the manager's own choice, or neither. */
  source: enrolmentSourceSchema,
  /** The manager's own lead time, null = the global default. */
  leadTimeHours: leadTimeHours.nullable(),
  defaultLeadTimeHours: z.number(),
  /** The request goes out from the manager's own mailbox (else from the service mailbox). */
  sendFromMyMailbox: z.boolean(),
  /** The organization set up a mailbox for Candor; without one every request goes from the manager's own. */
  candorMailbox: z.boolean(),
  pairs: z.array(
    z.object({ reportId: objectIdSchema, displayName: z.string(), leadTimeHours: leadTimeHours.nullable() }),
  ),
  /** `off`: the organization enrols managers centrally; the manager's own choice is read-only. */
  selfEnrolment: z.enum(['allowed', 'off']),
  /** Candor adds itself (app + pinned tab) to the meeting chat of each of the manager's 1:1 series. */
  attachToOneOnOnes: z.boolean(),
  /** The manager's own prep message before each 1:1 (status update or "none yet", last recap, open commitments). */
  prep: z.object({ enabled: z.boolean(), minutesBefore: prepMinutes }),
});
export type EnrolmentView = z.infer<typeof enrolmentViewSchema>;

export const saveEnrolmentRequestSchema = z.strictObject({
  enrolled: z.boolean(),
  leadTimeHours: leadTimeHours.nullable().optional(),
  sendFromMyMailbox: z.boolean().optional(),
  attachToOneOnOnes: z.boolean().optional(),
  prep: z.strictObject({ enabled: z.boolean(), minutesBefore: prepMinutes.optional() }).optional(),
});
export type SaveEnrolmentRequest = z.infer<typeof saveEnrolmentRequestSchema>;

export const savePairLeadTimeRequestSchema = z.strictObject({ leadTimeHours: leadTimeHours.nullable() });
export type SavePairLeadTimeRequest = z.infer<typeof savePairLeadTimeRequestSchema>;

// ---- paths (kept here rather than in paths.ts so the status feature's routes stay in one place) -------------

export const statusRouteTemplates = {
  /** The status form, authenticated by the link token from the email (not by Entra ID). */
  statusForm: 'status-form',
  statusUpdate: 'pairs/{managerId}/{reportId}/status/{occurrenceId}',
  enrolment: 'enrolment',
  enrolmentPair: 'enrolment/pairs/{reportId}',
  /** The status email exactly as it would be sent for the manager's next 1:1 with a report (?reportId=). */
  statusEmailPreview: 'enrolment/status-email-preview',
} as const;

export const statusApiPaths = {
  statusForm: (): string => 'status-form',
  statusUpdate: (ref: { managerId: string; reportId: string; occurrenceId: string }): string =>
    `pairs/${ref.managerId}/${ref.reportId}/status/${ref.occurrenceId}`,
  enrolment: (): string => 'enrolment',
  enrolmentPair: (reportId: string): string => `enrolment/pairs/${reportId}`,
  statusEmailPreview: (reportId: string): string => `enrolment/status-email-preview?reportId=${reportId}`,
};

/** The status email as it would go out: what the manager sees before turning requests on. */
export const statusEmailPreviewSchema = z.object({
  reportId: objectIdSchema,
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  /** The mail's HTML body, rendered by the same code that sends it. */
  html: z.string(),
});
export type StatusEmailPreview = z.infer<typeof statusEmailPreviewSchema>;
