import type { BoardField, BoardView, SaveFieldRequest, TextFieldId } from '@candor/contract';
import type { ApiResult } from '../api/result';
import { BoardSync, editableFields } from './boardSync';
import { createDraftStore, type KeyValueStore } from './drafts';

const MANAGER = '11111111-1111-4111-8111-111111111111';
const REPORT = '22222222-2222-4222-8222-222222222222';
const ref = { managerId: MANAGER, reportId: REPORT, occurrenceId: '20261126T0900Z-0123456789abcdef' };
const fld = (text: string, revision: number): BoardField => ({ text, revision, updatedBy: null, updatedAt: null });

function boardFor(role: 'manager' | 'report', overrides: Partial<Record<TextFieldId, BoardField>> = {}): BoardView {
  return {
    ref,
    viewer: { userId: role === 'manager' ? MANAGER : REPORT, role },
    participants: { manager: { id: MANAGER, displayName: 'Mia' }, report: { id: REPORT, displayName: 'Ravi' } },
    meeting: null,
    fields: {
      energizing: fld('', 0),
      draining: fld('', 0),
      support: fld('', 0),
      energizingNote: fld('', 0),
      drainingNote: fld('', 0),
      supportNote: fld('', 0),
      ...overrides,
    },
  };
}

/** An in-memory API: fields with revisions, plus switches to simulate failures. */
function fakeApi(initial: BoardView) {
  const server = structuredClone(initial.fields) as Record<TextFieldId, BoardField>;
  const state = { offline: false, failWith: null as null | { status: number; message: string } };
  const saves: Array<{ fieldId: TextFieldId; body: SaveFieldRequest }> = [];
  const api = {
    getBoard: jest.fn(async (): Promise<ApiResult<BoardView>> => {
      if (state.offline) return { ok: false, kind: 'network' };
      return { ok: true, value: { ...initial, fields: structuredClone(server) } };
    }),
    saveBoardField: jest.fn(async (_r: unknown, fieldId: TextFieldId, body: SaveFieldRequest) => {
      saves.push({ fieldId, body });
      if (state.offline) return { ok: false, kind: 'network' } as const;
      if (state.failWith) return { ok: false, kind: 'http', ...state.failWith } as const;
      const current = server[fieldId];
      if (body.baseRevision !== current.revision) return { ok: false, kind: 'conflict', current: { ...current } } as const;
      server[fieldId] = fld(body.text, current.revision + 1);
      return { ok: true, value: { field: { ...server[fieldId] } } } as const;
    }),
  };
  return { api, server, state, saves };
}

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** Runs timers and lets the promises they start settle. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function setup(role: 'manager' | 'report', fields: Partial<Record<TextFieldId, BoardField>> = {}, store = memoryStore()) {
  const board = boardFor(role, fields);
  const fake = fakeApi(board);
  const drafts = createDraftStore(store, board.viewer.userId, ref);
  const sync = new BoardSync({ board, api: fake.api, drafts, random: () => 0.5 });
  return { sync, store, drafts, ...fake };
}

describe('editableFields', () => {
  it('gives the report the answers and the manager the notes', () => {
    expect(editableFields('report')).toEqual(['energizing', 'draining', 'support']);
    expect(editableFields('manager')).toEqual(['energizingNote', 'drainingNote', 'supportNote']);
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
    expect(sync.getSnapshot().save).toEqual({ kind: 'error', label: 'Not saved: text: must be at most 4000 characters' });
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
    api.getBoard.mockResolvedValueOnce({ ok: true, value: boardFor('manager', { energizing: fld('old', 4) }) });
    sync.start();
    await advance(4000);
    expect(sync.getSnapshot().fields.energizing.text).toBe('new');
    sync.stop();
  });

  it('pauses while the page is hidden and notes a lost connection', async () => {
    const board = boardFor('manager');
    const fake = fakeApi(board);
    let hidden = true;
    const sync = new BoardSync({ board, api: fake.api, drafts: createDraftStore(null, MANAGER, ref), isHidden: () => hidden });
    sync.start();
    await advance(8000);
    expect(fake.api.getBoard).not.toHaveBeenCalled();
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
