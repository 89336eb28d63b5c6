import type * as Schemas from './schemas';

type SchemaModule = typeof Schemas;
type SchemaName = { [K in keyof SchemaModule]: K extends `${string}Schema` ? K : never }[keyof SchemaModule];
type Output<K extends SchemaName> = SchemaModule[K] extends { parse(input: unknown): infer T } ? T : never;

export type SafeParsed<T> = { success: true; data: T } | { success: false };

/** A contract schema whose zod code loads on first use: `safeParse` answers once it has. */
export interface LazyParser<T> {
  safeParse(input: unknown): Promise<SafeParsed<T>>;
}

let loading: Promise<SchemaModule> | null = null;

/**
 * Starts loading the schemas (zod and the contract) if nothing has yet. boot.ts calls it first thing, so the chunk
 * downloads and compiles while the host handshake and the board request are in flight, not before the first paint.
 */
export function loadSchemas(): Promise<SchemaModule> {
  loading ??= import('./schemas').catch((error: unknown) => {
    loading = null; // a chunk that failed to load (offline) is fetched again next time
    throw error;
  });
  return loading;
}

/** A path whose builder lives beside its schemas in the contract (status, trends), once that chunk has loaded. */
export function contractPaths(build: (contract: SchemaModule) => string): Promise<string> {
  return loadSchemas().then(build);
}

function lazySchema<K extends SchemaName>(name: K): LazyParser<Output<K>> {
  return {
    async safeParse(input) {
      const schema: { safeParse(input: unknown): { success: boolean; data?: unknown } } = (await loadSchemas())[name];
      const parsed = schema.safeParse(input);
      return parsed.success ? { success: true, data: parsed.data as Output<K> } : { success: false };
    },
  };
}

// The names the contract gives them, so the client reads as if it imported the schemas themselves.
export const appendStatusTextResponseSchema = lazySchema('appendStatusTextResponseSchema');
export const boardViewSchema = lazySchema('boardViewSchema');
export const deleteMyAnswersResponseSchema = lazySchema('deleteMyAnswersResponseSchema');
export const deleteMyNotesResponseSchema = lazySchema('deleteMyNotesResponseSchema');
export const myDataExportSchema = lazySchema('myDataExportSchema');
export const blockerConflictSchema = lazySchema('blockerConflictSchema');
export const blockerResponseSchema = lazySchema('blockerResponseSchema');
export const openBlockersResponseSchema = lazySchema('openBlockersResponseSchema');
export const commitmentConflictSchema = lazySchema('commitmentConflictSchema');
export const commitmentResponseSchema = lazySchema('commitmentResponseSchema');
export const enrolmentViewSchema = lazySchema('enrolmentViewSchema');
export const errorBodySchema = lazySchema('errorBodySchema');
export const statusEmailPreviewSchema = lazySchema('statusEmailPreviewSchema');
export const fieldConflictSchema = lazySchema('fieldConflictSchema');
export const goToBankConflictSchema = lazySchema('goToBankConflictSchema');
export const goToBankSchema = lazySchema('goToBankSchema');
export const goToExchangeSchema = lazySchema('goToExchangeSchema');
export const goToLibrarySchema = lazySchema('goToLibrarySchema');
export const pairGoToBankSchema = lazySchema('pairGoToBankSchema');
export const sharedGoToQuestionSchema = lazySchema('sharedGoToQuestionSchema');
export const homeViewSchema = lazySchema('homeViewSchema');
export const pairTrendResponseSchema = lazySchema('pairTrendResponseSchema');
export const privateNoteConflictSchema = lazySchema('privateNoteConflictSchema');
export const privateNoteResponseSchema = lazySchema('privateNoteResponseSchema');
export const ratingConflictSchema = lazySchema('ratingConflictSchema');
export const recapConflictSchema = lazySchema('recapConflictSchema');
export const recapDraftConflictSchema = lazySchema('recapDraftConflictSchema');
export const recapDraftResponseSchema = lazySchema('recapDraftResponseSchema');
export const saveFieldResponseSchema = lazySchema('saveFieldResponseSchema');
export const saveRatingResponseSchema = lazySchema('saveRatingResponseSchema');
export const saveRecapResponseSchema = lazySchema('saveRecapResponseSchema');
export const skipGoToQuestionResponseSchema = lazySchema('skipGoToQuestionResponseSchema');
export const statusUpdateViewSchema = lazySchema('statusUpdateViewSchema');
export const teamTrendsResponseSchema = lazySchema('teamTrendsResponseSchema');
export const trendSharingResponseSchema = lazySchema('trendSharingResponseSchema');
export const statusChannelViewSchema = lazySchema('statusChannelViewSchema');
export const boardDraftsResponseSchema = lazySchema('boardDraftsResponseSchema');
export const draftResponseSchema = lazySchema('draftResponseSchema');
export const deleteDraftResponseSchema = lazySchema('deleteDraftResponseSchema');
export const staleDraftSchema = lazySchema('staleDraftSchema');
