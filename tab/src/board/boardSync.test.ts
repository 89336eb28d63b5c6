import type {
  BoardField,
  BoardView,
  PrivateNote,
  RatingField,
  RatingFieldId,
  SaveFieldRequest,
  SaveRatingRequest,
  SaveRecapDraftChoiceRequest,
  SaveRecapDraftLineRequest,
  RecapDraftPart,
  SharedRecapDraft,
  TextFieldId,
} from '@candor/contract';
import type { ApiResult } from '../api/result';
import { BoardSync, editableFields, encodeRating, decodeRating } from './boardSync';
import type { KeyValueStore } from '../host/browserStorage';
import { createDraftStore } from './drafts';
import { field as fld, rating, testBoardView, testRef as ref, TEST_MANAGER as MANAGER } from '../testing/boardView';

function boardFor(role: 'manager' | 'report', overrides: Partial<Record<TextFieldId, BoardField>> = {}): BoardView {
  return testBoardView(role, overrides);
}

/** A fake endpoint: answers at once, as the resolved promise the client's calls return. */
const endpoint = <A extends unknown[], R>(answer: (...args: A) => R) =>
  jest.fn((...args: A) => Promise.resolve(answer(...args)));

/** An in-memory API: fields with revisions, plus switches to simulate failures. */
function fakeApi(initial: BoardView) {
  const server = structuredClone<Record<TextFieldId, BoardField>>(initial.fields);
  const ratings = structuredClone(initial.ratings) as Record<RatingFieldId, RatingField>;
  const extra = {
    recap: initial.recap,
    privateNote: { text: '', revision: 0, updatedAt: null } as PrivateNote,
    finalised: false,
  };
  const meta = { revision: 0, updatedBy: null, updatedAt: null };
  const recapDraft: SharedRecapDraft = initial.recapDraft ?? {
    lines: [
      { text: '', tags: [], ...meta },
      { text: '', tags: [], ...meta },
    ],
    noBlocker: { value: false, ...meta },
  };
  const recapDraftSaves: Array<{ part: RecapDraftPart; body: unknown }> = [];
  const state = { offline: false, failWith: null as null | { status: number; message: string } };
  const saves: Array<{ fieldId: TextFieldId; body: SaveFieldRequest }> = [];
  const ratingSaves: Array<{ ratingId: RatingFieldId; body: SaveRatingRequest }> = [];
  const noteSaves: string[] = [];
  const finalisedAnswer = { ok: false, kind: 'http', status: 409, message: 'closed', code: 'finalised' } as const;
  // The API's record of the fields the guard spoke under in this meeting: it only grows, as the real one does.
  const nudgedFields: TextFieldId[] = [];
  const current = (): BoardView => ({
    ...initial,
    statusGuard: { nudgedFields: [...nudgedFields], nudgeCount: nudgedFields.length },
    fields: structuredClone(server),
    ratings: structuredClone(ratings),
    recap: extra.recap,
    recapDraft: structuredClone(recapDraft),
  });
  const api = {
    pollBoard: endpoint(
      (): ApiResult<{ changed: true; board: BoardView; etag: string | null } | { changed: false }> => {
        if (state.offline) return { ok: false, kind: 'network' };
        return { ok: true, value: { changed: true, board: current(), etag: null } };
      },
    ),
    saveBoardField: endpoint((_r: unknown, fieldId: TextFieldId, body: SaveFieldRequest) => {
      saves.push({ fieldId, body });
      if (state.offline) return { ok: false, kind: 'network' } as const;
      if (state.failWith) return { ok: false, kind: 'http', ...state.failWith } as const;
      const now = server[fieldId];
      if (body.text === now.text) return { ok: true, value: { field: { ...now } } } as const;
      if (extra.finalised) return finalisedAnswer;
      if (body.baseRevision !== now.revision) return { ok: false, kind: 'conflict', current: { ...now } } as const;
      server[fieldId] = fld(body.text, now.revision + 1);
      const statusNudge = body.text.includes('JIRA-');
      if (statusNudge && !nudgedFields.includes(fieldId)) nudgedFields.push(fieldId);
      // German stands for a language the guard is off in.
      const statusGuard = body.text.startsWith('Ich ')
        ? ({ state: 'off', reason: 'unsupportedLanguage' } as const)
        : ({ state: 'on' } as const);
      return { ok: true, value: { field: { ...server[fieldId] }, statusNudge, statusGuard } } as const;
    }),
    saveBoardRating: endpoint((_r: unknown, ratingId: RatingFieldId, body: SaveRatingRequest) => {
      ratingSaves.push({ ratingId, body });
      if (state.offline) return { ok: false, kind: 'network' } as const;
      const now = ratings[ratingId];
      if (extra.finalised) return finalisedAnswer;
      if (body.baseRevision !== now.revision) return { ok: false, kind: 'conflict', current: { ...now } } as const;
      ratings[ratingId] = rating(body.value, now.revision + 1);
      return { ok: true, value: { field: { ...ratings[ratingId] } } } as const;
    }),
    saveCareerGoal: endpoint(() => ({ ok: false, kind: 'network' }) as const),
    getPrivateNote: endpoint(() =>
      state.offline
        ? ({ ok: false, kind: 'network' } as const)
        : ({ ok: true, value: { note: { ...extra.privateNote } } } as const),
    ),
    savePrivateNote: endpoint((_r: unknown, body: { text: string; baseRevision: number }) => {
      noteSaves.push(body.text);
      if (state.offline) return { ok: false, kind: 'network' } as const;
      if (body.baseRevision !== extra.privateNote.revision)
        return { ok: false, kind: 'conflict', current: { ...extra.privateNote } } as const;
      extra.privateNote = { text: body.text, revision: extra.privateNote.revision + 1, updatedAt: null };
      return { ok: true, value: { note: { ...extra.privateNote } } } as const;
    }),
  };
  const saveRecapDraft = endpoint(
    (_r: unknown, part: RecapDraftPart, body: SaveRecapDraftLineRequest | SaveRecapDraftChoiceRequest) => {
      recapDraftSaves.push({ part, body });
      if (state.offline) return { ok: false, kind: 'network' } as const;
      if (extra.finalised) return finalisedAnswer;
      const now = part === 'noBlocker' ? recapDraft.noBlocker : recapDraft.lines[part === 'line1' ? 0 : 1];
      if (body.baseRevision !== now.revision)
        return { ok: false, kind: 'conflict', current: structuredClone(recapDraft) } as const;
      const next = { revision: now.revision + 1, updatedBy: initial.viewer.userId, updatedAt: null };
      if ('value' in body) recapDraft.noBlocker = { value: body.value, ...next };
      else recapDraft.lines[part === 'line1' ? 0 : 1] = { text: body.text, tags: body.tags, ...next };
      return { ok: true, value: { draft: structuredClone(recapDraft) } } as const;
    },
  );
  return {
    api: { ...api, saveRecapDraft },
    server,
    ratings,
    extra,
    state,
    saves,
    ratingSaves,
    noteSaves,
    recapDraft,
    recapDraftSaves,
  };
}

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** Runs timers and lets the promises they start settle. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function setup(
  role: 'manager' | 'report',
  fields: Partial<Record<TextFieldId, BoardField>> = {},
  store = memoryStore(),
) {
  const board = boardFor(role, fields);
  const fake = fakeApi(board);
  const drafts = createDraftStore(store, board.viewer.userId, ref);
  const sync = new BoardSync({ board, api: fake.api, drafts, random: () => 0.5 });
  return { sync, store, drafts, ...fake };
}

describe('editableFields', () => {
  it('gives the report the answers, ratings and career goal, the manager the notes and unseen work, both their private notes', () => {
    expect(editableFields('report')).toEqual([
      'energizing',
      'draining',
      'support',
      'careerNote',
      'goToAnswer',
      'careerPulse',
      'mood',
      'lifeLoad',
      'energy',
      'drain',
      'careerGoal',
      'privateNote',
      'recapLine1',
      'recapLine2',
      'recapNoBlocker',
    ]);
    expect(editableFields('manager')).toEqual([
      'energizingNote',
      'drainingNote',
      'supportNote',
      'unseenWork',
      'privateNote',
      'recapLine1',
      'recapLine2',
      'recapNoBlocker',
    ]);
  });
});

describe('BoardSync autosave', () => {
  it('saves once after the typing pause, with the base revision', async () => {
    const { sync, saves, server } = setup('report');
    sync.start();
    sync.edit('energizing', 'S');
    sync.edit('energizing', 'Sh');
    sync.edit('energizing', 'Shipping');
    expect(sync.getSnapshot().save.label).toBe('Saving…');
    await advance(699);
    expect(saves).toHaveLength(0);
    await advance(1);
    expect(saves).toEqual([{ fieldId: 'energizing', body: { text: 'Shipping', baseRevision: 0 } }]);
    expect(server.energizing).toMatchObject({ text: 'Shipping', revision: 1 });
    expect(sync.getSnapshot().fields.energizing).toMatchObject({ text: 'Shipping', status: 'saved' });
    expect(sync.getSnapshot().save.label).toBe('Saved');
    sync.stop();
  });

  it('ignores edits to fields the viewer does not own', async () => {
    const { sync, saves } = setup('manager');
    sync.start();
    sync.edit('energizing', 'not mine');
    await advance(1000);
    expect(saves).toHaveLength(0);
    expect(sync.getSnapshot().fields.energizing.text).toBe('');
    sync.stop();
  });

  it('saves text typed while a save was in flight right after it', async () => {
    const { sync, saves, server } = setup('report');
    sync.start();
    sync.edit('support', 'A');
    await advance(700); // save of "A" started and (fake API) finished in the same tick
    sync.edit('support', 'AB');
    await advance(700);
    expect(saves.map((s) => s.body)).toEqual([
      { text: 'A', baseRevision: 0 },
      { text: 'AB', baseRevision: 1 },
    ]);
    expect(server.support.text).toBe('AB');
    sync.stop();
  });

  it('merges on conflict without losing text and re-saves at the new revision', async () => {
    const { sync, saves, server } = setup('manager', { energizingNote: fld('Agenda', 1) });
    sync.start();
    // The same manager saved from another device meanwhile.
    server.energizingNote = fld('Agenda. Promo case', 2);
    sync.edit('energizingNote', 'Agenda. Offsite');
    await advance(710);
    const merged = 'Agenda. Promo case\n\nAgenda. Offsite';
    expect(saves.map((s) => s.body)).toEqual([
      { text: 'Agenda. Offsite', baseRevision: 1 },
      { text: merged, baseRevision: 2 },
    ]);
    expect(server.energizingNote).toMatchObject({ text: merged, revision: 3 });
    expect(sync.getSnapshot().fields.energizingNote).toMatchObject({ text: merged, status: 'saved' });
    sync.stop();
  });

  it('keeps text on the device while offline, retries with backoff, and clears the draft once saved', async () => {
    const { sync, saves, server, state, store } = setup('report');
    sync.start();
    state.offline = true;
    sync.edit('draining', 'Too many meetings');
    expect(store.map.size).toBe(1); // kept on the device from the first keystroke
    await advance(700);
    expect(sync.getSnapshot().save.label).toBe('Offline — kept on this device');
    expect(saves).toHaveLength(1);
    await advance(999);
    expect(saves).toHaveLength(1);
    await advance(1); // 1 s backoff
    expect(saves).toHaveLength(2);
    state.offline = false;
    await advance(2000); // 2 s backoff
    expect(saves).toHaveLength(3);
    expect(server.draining.text).toBe('Too many meetings');
    expect(sync.getSnapshot().save.label).toBe('Saved');
    expect(store.map.size).toBe(0);
    sync.stop();
  });

  it('restores a draft on load and sends it, merging if the server moved on', async () => {
    const store = memoryStore();
    const first = setup('report', { support: fld('Review my doc', 3) }, store);
    first.state.offline = true;
    first.sync.start();
    first.sync.edit('support', 'Review my doc by Friday');
    await advance(700);
    first.sync.stop();

    // Next visit: the server has a newer text from another device.
    const second = setup('report', { support: fld('Review my doc, please', 4) }, store);
    expect(second.sync.getSnapshot().fields.support.text).toBe('Review my doc by Friday');
    second.sync.start();
    await advance(10);
    expect(second.server.support.text).toBe('Review my doc, please\n\nReview my doc by Friday');
    expect(store.map.size).toBe(0);
    second.sync.stop();
  });

  it('drops a stored draft that the server already has', () => {
    const store = memoryStore();
    const { drafts } = setup('report', {}, store);
    drafts.save('energizing', { text: 'Same', baseText: '', baseRevision: 0 });
    const next = setup('report', { energizing: fld('Same', 1) }, store);
    expect(next.sync.getSnapshot().fields.energizing.status).toBe('idle');
    expect(store.map.size).toBe(0);
  });

  it('reports a refused save and keeps the text until the next edit', async () => {
    const { sync, saves, state } = setup('report');
    sync.start();
    state.failWith = { status: 400, message: 'text: must be at most 4000 characters' };
    sync.edit('energizing', 'x');
    await advance(700);
    expect(sync.getSnapshot().save).toEqual({
      kind: 'error',
      label: 'Not saved: text: must be at most 4000 characters',
    });
    await advance(60_000);
    expect(saves).toHaveLength(1);
    state.failWith = null;
    sync.edit('energizing', 'xy');
    await advance(700);
    expect(sync.getSnapshot().save.label).toBe('Saved');
    sync.stop();
  });

  it('retries server errors with backoff', async () => {
    const { sync, saves, state } = setup('report');
    sync.start();
    state.failWith = { status: 503, message: 'busy' };
    sync.edit('energizing', 'x');
    await advance(700);
    expect(sync.getSnapshot().fields.energizing.status).toBe('retrying');
    state.failWith = null;
    await advance(1000);
    expect(saves).toHaveLength(2);
    expect(sync.getSnapshot().fields.energizing.status).toBe('saved');
    sync.stop();
  });
});

describe('BoardSync stop/start', () => {
  it('keeps unsaved text across a stop and sends it after start (React StrictMode remounts)', async () => {
    const { sync, saves, server } = setup('report');
    sync.start();
    sync.edit('energizing', 'typed');
    sync.stop();
    await advance(5000);
    expect(saves).toHaveLength(0);
    sync.start();
    await advance(10);
    expect(server.energizing.text).toBe('typed');
    sync.stop();
  });
});

describe('BoardSync painted from the device copy', () => {
  it('sends nothing before the answer, then merges words typed on the copy with what the server moved to', async () => {
    // The device's copy says revision 1; meanwhile the report saved more from another device (revision 2).
    const { sync, saves, server } = setup('report', { energizing: fld('Mentoring', 1) });
    server.energizing = fld('Mentoring. The offsite', 2);
    sync.edit('energizing', 'Mentoring. Hiring');
    await advance(5000);
    expect(saves).toHaveLength(0);

    sync.adoptAnswer(boardFor('report', { energizing: fld('Mentoring. The offsite', 2) }));
    expect(sync.getSnapshot().fields.energizing.text).toBe('Mentoring. Hiring');
    sync.start();
    await advance(10);
    expect(server.energizing.text).toBe('Mentoring. The offsite\n\nMentoring. Hiring');
    sync.stop();
  });

  it('takes the answer over the copy even at a lower revision (data deleted meanwhile)', () => {
    const { sync } = setup('report', { support: fld('Old words', 4) });
    sync.adoptAnswer(boardFor('report'));
    expect(sync.getSnapshot().fields.support.text).toBe('');
  });

  it('keeps what a save confirmed in the view kept for the next open, and never unsent words', async () => {
    const { sync } = setup('report');
    sync.start();
    sync.edit('energizing', 'Saved words');
    await advance(710);
    sync.edit('draining', 'Not sent yet');
    expect(sync.confirmedView().fields.energizing).toMatchObject({ text: 'Saved words', revision: 1 });
    expect(sync.confirmedView().fields.draining.text).toBe('');
    sync.stop();
  });
});

describe('BoardSync polling', () => {
  it("shows the other person's edits every 4 s", async () => {
    const { sync, server } = setup('manager');
    sync.start();
    server.energizing = fld('Mentoring', 1);
    await advance(3999);
    expect(sync.getSnapshot().fields.energizing.text).toBe('');
    await advance(1);
    expect(sync.getSnapshot().fields.energizing.text).toBe('Mentoring');
    sync.stop();
  });

  it('does not clobber unsaved local text, or a focused own field', async () => {
    const { sync, server } = setup('report', { energizing: fld('v1', 1) });
    sync.start();
    sync.focus('energizing');
    server.energizing = fld('from my phone', 2);
    await advance(4000);
    expect(sync.getSnapshot().fields.energizing.text).toBe('v1');
    sync.blur('energizing');
    expect(sync.getSnapshot().fields.energizing.text).toBe('from my phone');
    sync.stop();
  });

  it('never rolls a field back to an older revision', async () => {
    const { sync, api } = setup('manager', { energizing: fld('new', 5) });
    api.pollBoard.mockResolvedValueOnce({
      ok: true,
      value: { changed: true, board: boardFor('manager', { energizing: fld('old', 4) }), etag: null },
    });
    sync.start();
    await advance(4000);
    expect(sync.getSnapshot().fields.energizing.text).toBe('new');
    sync.stop();
  });

  it('pauses while the page is hidden and notes a lost connection', async () => {
    const board = boardFor('manager');
    const fake = fakeApi(board);
    let hidden = true;
    const sync = new BoardSync({
      board,
      api: fake.api,
      drafts: createDraftStore(null, MANAGER, ref),
      isHidden: () => hidden,
    });
    sync.start();
    await advance(8000);
    expect(fake.api.pollBoard).not.toHaveBeenCalled();
    hidden = false;
    fake.state.offline = true;
    await advance(4000);
    expect(sync.getSnapshot().connection).toBe('offline');
    expect(sync.getSnapshot().save.label).toBe('Offline — reconnecting…');
    fake.state.offline = false;
    await advance(4000);
    expect(sync.getSnapshot().connection).toBe('online');
    sync.stop();
  });
});

describe('BoardSync ratings', () => {
  it('encodes ratings as strings and keeps "prefer not to say" as words', () => {
    expect(encodeRating(4)).toBe('4');
    expect(encodeRating('preferNot')).toBe('preferNot');
    expect(encodeRating(null)).toBe('');
    expect(decodeRating('preferNot')).toBe('preferNot');
    expect(decodeRating('5')).toBe(5);
    expect(decodeRating('')).toBeNull();
    expect(decodeRating('7')).toBeNull();
  });

  it('saves a pick at once, as a number or as "preferNot"', async () => {
    const { sync, ratingSaves, ratings } = setup('report');
    sync.start();
    sync.edit('mood', '4');
    sync.edit('lifeLoad', 'preferNot');
    await advance(1);
    expect(ratingSaves.map((s) => [s.ratingId, s.body.value])).toEqual([
      ['mood', 4],
      ['lifeLoad', 'preferNot'],
    ]);
    expect(ratings.lifeLoad.value).toBe('preferNot');
    expect(sync.getSnapshot().fields.mood).toMatchObject({ text: '4', status: 'saved' });
    sync.stop();
  });

  it('lets the latest pick win a conflict instead of merging', async () => {
    const { sync, ratings, ratingSaves } = setup('report');
    sync.start();
    ratings.mood = rating(2, 1); // picked on the phone meanwhile
    sync.edit('mood', '5');
    await advance(10);
    expect(ratingSaves.map((s) => s.body)).toEqual([
      { value: 5, baseRevision: 0 },
      { value: 5, baseRevision: 1 },
    ]);
    expect(ratings.mood).toMatchObject({ value: 5, revision: 2 });
    sync.stop();
  });

  it('shows the manager "not shared" as soon as the report stops sharing a rating she already saw, and the value when shared again', async () => {
    const { sync, ratings } = setup('manager');
    ratings.mood = rating(4, 3);
    sync.start();
    await sync.poll();
    expect(sync.getSnapshot().fields.mood.text).toBe('4');
    // Not shared: the API answers the word with revision 0, lower than the revision the manager saw before.
    ratings.mood = { value: 'notShared', revision: 0, updatedBy: null, updatedAt: null } as unknown as RatingField;
    await sync.poll();
    expect(sync.getSnapshot().fields.mood.text).toBe('notShared');
    ratings.mood = rating(4, 3);
    await sync.poll();
    expect(sync.getSnapshot().fields.mood.text).toBe('4');
    sync.stop();
  });

  it('does not let the manager pick the report’s ratings', async () => {
    const { sync, ratingSaves } = setup('manager');
    sync.start();
    sync.edit('mood', '3');
    await advance(10);
    expect(ratingSaves).toHaveLength(0);
    sync.stop();
  });
});

describe('BoardSync private notes', () => {
  it('loads the viewer’s own notes on start and saves them like any field', async () => {
    const { sync, api, noteSaves, extra } = setup('manager');
    expect(sync.getSnapshot().fields.privateNote.editable).toBe(false);
    extra.privateNote = { text: 'ask about the move', revision: 3, updatedAt: null };
    sync.start();
    await advance(1);
    expect(api.getPrivateNote).toHaveBeenCalledTimes(1);
    expect(sync.getSnapshot().fields.privateNote).toMatchObject({ text: 'ask about the move', editable: true });
    sync.edit('privateNote', 'ask about the move, gently');
    await advance(700);
    expect(noteSaves).toEqual(['ask about the move, gently']);
    expect(extra.privateNote.revision).toBe(4);
    sync.stop();
  });

  it('never takes private notes from the board view', async () => {
    const { sync } = setup('report');
    sync.start();
    await advance(4000);
    expect(sync.getSnapshot().board).not.toHaveProperty('privateNote');
    sync.stop();
  });
});

describe('BoardSync when the board is closed with a recap', () => {
  const recap = {
    occurrenceId: ref.occurrenceId,
    meetingStart: null,
    lines: [
      { text: 'a', tags: ['blocker' as const] },
      { text: 'b', tags: ['supportNeed' as const, 'learning' as const] },
    ] as [
      { text: string; tags: ('blocker' | 'supportNeed' | 'learning')[] },
      { text: string; tags: ('blocker' | 'supportNeed' | 'learning')[] },
    ],
    savedBy: MANAGER,
    savedAt: '2026-11-26T09:29:00.000Z',
    mail: 'sent' as const,
  };

  it('moves words typed as the other person closed the board into private notes, losing none', async () => {
    const { sync, extra, noteSaves } = setup('report');
    sync.start();
    await advance(1); // private notes loaded
    extra.finalised = true;
    extra.recap = recap;
    sync.edit('draining', 'Late pages again');
    await advance(700); // the save meets the closed board
    await advance(10);
    const snap = sync.getSnapshot();
    expect(snap.finalised).toBe(true);
    expect(snap.fields.draining).toMatchObject({ text: '', editable: false });
    expect(noteSaves.at(-1)).toBe('What is draining you?: Late pages again');
    expect(snap.notice).toMatch(/private notes/);
    sync.stop();
  });

  it('makes answers read-only when a poll brings the recap, keeping private notes editable', async () => {
    const { sync, extra } = setup('report');
    sync.start();
    await advance(1);
    extra.recap = recap;
    await advance(4000);
    const snap = sync.getSnapshot();
    expect(snap.finalised).toBe(true);
    expect(snap.fields.energizing.editable).toBe(false);
    expect(snap.fields.mood.editable).toBe(false);
    expect(snap.fields.privateNote.editable).toBe(true);
    expect(snap.fields.careerGoal.editable).toBe(true);
    sync.stop();
  });
});

describe('BoardSync status guard', () => {
  it('marks a field as nudged from the save answer, before the next poll', async () => {
    const { sync } = setup('report');
    sync.start();
    sync.edit('support', 'JIRA-1 done');
    await advance(700);
    expect(sync.getSnapshot().fields.support.statusNudge).toBe(true);
    expect(sync.getSnapshot().fields.energizing.statusNudge).toBe(false);
    sync.stop();
  });

  it('clears the nudge once the saved text stops reading like status, and a poll does not bring it back', async () => {
    const { sync } = setup('report');
    sync.start();
    sync.edit('support', 'JIRA-1 done');
    await advance(700);
    expect(sync.getSnapshot().fields.support.statusNudge).toBe(true);
    sync.edit('support', 'I would like more time for the course');
    await advance(700);
    expect(sync.getSnapshot().fields.support.statusNudge).toBe(false);
    await advance(4000);
    expect(sync.getSnapshot().fields.support.statusNudge).toBe(false);
    sync.stop();
  });

  it('says when the guard is off for the text’s language', async () => {
    const { sync } = setup('report');
    sync.start();
    sync.edit('support', 'Ich brauche mehr Zeit für die Weiterbildung');
    await advance(700);
    expect(sync.getSnapshot().fields.support).toMatchObject({ statusNudge: false, statusGuardOff: true });
    sync.edit('support', 'More time for the course, please');
    await advance(700);
    expect(sync.getSnapshot().fields.support.statusGuardOff).toBe(false);
    sync.stop();
  });
});

describe('the recap both people write', () => {
  const line = (text: string, tags: string) => `${tags}|${text}`;

  it('is saved by either person through the same sync, tags and words of a line together', async () => {
    const { sync, recapDraftSaves, recapDraft } = setup('manager');
    sync.start();
    sync.edit('recapLine2', line('Raising risks early saved a sprint', 'learning'));
    await advance(700);
    expect(recapDraftSaves).toEqual([
      { part: 'line2', body: { text: 'Raising risks early saved a sprint', tags: ['learning'], baseRevision: 0 } },
    ]);
    expect(recapDraft.lines[1]).toMatchObject({ text: 'Raising risks early saved a sprint', revision: 1 });
    // The choice is one click: sent at once.
    sync.edit('recapNoBlocker', 'chosen');
    await advance(0);
    expect(recapDraftSaves[1]).toEqual({ part: 'noBlocker', body: { value: true, baseRevision: 0 } });
    sync.stop();
  });

  it('shows the other person’s line on the next poll, and merges when both wrote the same line', async () => {
    const { sync, recapDraft } = setup('report');
    sync.start();
    // The manager wrote line 1 meanwhile (the server has it at revision 1); the report, not yet seeing it, types too.
    recapDraft.lines[0] = {
      text: 'Blocked on legal',
      tags: ['blocker'],
      revision: 1,
      updatedBy: MANAGER,
      updatedAt: null,
    };
    sync.edit('recapLine1', line('Needs a reviewer', 'supportNeed'));
    await advance(700);
    await advance(10);
    const merged = sync.getSnapshot().fields.recapLine1;
    expect(merged.status).toBe('saved');
    expect(merged.text).toBe(line('Blocked on legal Needs a reviewer', 'supportNeed'));
    expect(recapDraft.lines[0]).toMatchObject({ text: 'Blocked on legal Needs a reviewer', revision: 2 });

    recapDraft.lines[1] = {
      text: 'Learned to ask',
      tags: ['learning'],
      revision: 1,
      updatedBy: MANAGER,
      updatedAt: null,
    };
    await advance(4000);
    expect(sync.getSnapshot().fields.recapLine2.text).toBe(line('Learned to ask', 'learning'));
    sync.stop();
  });

  it('keeps a line typed offline on the device and sends it when the board is opened again', async () => {
    const first = setup('report');
    first.sync.start();
    first.state.offline = true;
    first.sync.edit('recapLine1', line('Blocked on legal', 'blocker'));
    await advance(700);
    first.sync.stop();

    const again = setup('report', {}, first.store);
    again.sync.start();
    await advance(0);
    expect(again.recapDraftSaves).toEqual([
      { part: 'line1', body: { text: 'Blocked on legal', tags: ['blocker'], baseRevision: 0 } },
    ]);
    again.sync.stop();
  });
});
