// The API contract's response schemas the client checks answers against, and the paths defined beside them. Its own
// chunk (with zod): loaded by lazySchemas.ts while the host handshake runs, so neither is in the side panel's initial
// download.
export { statusApiPaths, statusMovePath, trendApiPaths } from '@candor/contract';
// Where status requests reach the caller: email, Teams chat or both.
export { channelApiPaths, statusChannelViewSchema } from '@candor/contract';
// The caller's unsaved drafts on a board (contract/drafts.ts).
export {
  boardDraftsResponseSchema,
  deleteDraftResponseSchema,
  draftApiPaths,
  draftResponseSchema,
  staleDraftSchema,
} from '@candor/contract';
// Go-to questions: the pair's questions, the starter library and the organization's exchange.
export {
  goToApiPaths,
  goToExchangeSchema,
  goToLibrarySchema,
  pairGoToBankSchema,
  sharedGoToQuestionSchema,
} from '@candor/contract';
// Blockers named in recaps, open until either person marks them resolved.
export {
  blockerApiPaths,
  blockerConflictSchema,
  blockerResponseSchema,
  openBlockersResponseSchema,
} from '@candor/contract';
// Home, the personal tab: the coming 1:1s, and opening one's board outside the meeting.
export { homeApiPaths, homeViewSchema } from '@candor/contract';
// The manager's self-serve settings: enrolment and the status email preview.
export { enrolmentViewSchema, statusEmailPreviewSchema } from '@candor/contract';
// The caller's own data: export and deletion.
export {
  deleteMyAnswersResponseSchema,
  deleteMyNotesResponseSchema,
  myDataExportSchema,
  privacyApiPaths,
} from '@candor/contract';
export {
  appendStatusTextResponseSchema,
  boardViewSchema,
  commitmentConflictSchema,
  commitmentResponseSchema,
  errorBodySchema,
  fieldConflictSchema,
  goToBankConflictSchema,
  goToBankSchema,
  pairTrendResponseSchema,
  privateNoteConflictSchema,
  privateNoteResponseSchema,
  ratingConflictSchema,
  recapConflictSchema,
  recapDraftConflictSchema,
  recapDraftResponseSchema,
  saveFieldResponseSchema,
  saveRatingResponseSchema,
  saveRecapResponseSchema,
  skipGoToQuestionResponseSchema,
  statusUpdateViewSchema,
  teamTrendsResponseSchema,
  trendSharingResponseSchema,
} from '@candor/contract';
