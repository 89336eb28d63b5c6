import { createCalendarLoadGateway } from './calendarLoadGateway';
import type { BatchAnswer, BatchRequest, GraphBatchRunner } from './graphBatch';

/*
 * The calendar load reads as they leave for Graph's $batch, against a scripted runner (the real $batch path runs
 * against the simulator in test/integration/trends/dailyJob.test.ts): what is selected, paging, and what a refusal
 * or an odd answer becomes.
 */

type Script = (request: BatchRequest<string>) => BatchAnswer;

function runnerOf(script: Script): { runner: GraphBatchRunner; seen: Array<BatchRequest<string>> } {
  const seen: Array<BatchRequest<string>> = [];
  const runner: GraphBatchRunner = {
    run<K>(requests: readonly BatchRequest<K>[]) {
      const answers = new Map<K, BatchAnswer>();
      for (const request of requests) {
        const asString = { ...request, key: String(request.key) };
        seen.push(asString);
        answers.set(request.key, script(asString));
      }
      return Promise.resolve(answers);
    },
  };
  return { runner, seen };
}

const ok = (body: unknown): BatchAnswer => ({ kind: 'answered', status: 200, headers: {}, body });
const entry = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
  '@odata.etag': 'W/"x"',
  id: 'AAMk',
  start: { dateTime: start, timeZone: 'UTC' },
  end: { dateTime: end, timeZone: 'UTC' },
  showAs: 'busy',
  isCancelled: false,
  createdDateTime: '2026-11-20T14:05:31.2040217Z',
  ...extra,
});

describe('loadEvents', () => {
  const window = { start: new Date('2026-11-15T23:00:00Z'), end: new Date('2026-11-29T23:00:00Z') };

  it('selects times, free/busy and when each entry was made only, in UTC, and follows nextLink', async () => {
    const { runner, seen } = runnerOf((r) =>
      r.url.includes('page=2')
        ? ok({ value: [entry('2026-11-24T18:00:00.0000000', '2026-11-24T19:00:00.0000000', { showAs: 'tentative' })] })
        : ok({
            value: [entry('2026-11-23T08:00:00.0000000', '2026-11-23T09:00:00.0000000', { isCancelled: true })],
            '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users/u1/calendarView?page=2',
          }),
    );
    const found = await createCalendarLoadGateway(runner).loadEvents([{ userId: 'u1', ...window }]);
    expect(found.get('u1')).toEqual([
      {
        startUtc: '2026-11-23T08:00:00.000Z',
        endUtc: '2026-11-23T09:00:00.000Z',
        showAs: 'busy',
        isCancelled: true,
        createdUtc: '2026-11-20T14:05:31.204Z',
      },
      {
        startUtc: '2026-11-24T18:00:00.000Z',
        endUtc: '2026-11-24T19:00:00.000Z',
        showAs: 'tentative',
        isCancelled: false,
        createdUtc: '2026-11-20T14:05:31.204Z',
      },
    ]);
    const first = new URL(`https://graph.invalid${seen[0]?.url ?? ''}`);
    expect(first.pathname).toBe('/users/u1/calendarView');
    expect(first.searchParams.get('$select')).toBe('start,end,showAs,isCancelled,createdDateTime');
    expect(first.searchParams.get('startDateTime')).toBe('2026-11-15T23:00:00.000Z');
    expect(seen[0]?.headers).toEqual({ Prefer: 'outlook.timezone="UTC"' });
    expect(seen[1]?.url).toBe('/users/u1/calendarView?page=2');
  });

  it('gives null for a calendar Graph refused, and converts entries Graph answered in a named zone', async () => {
    const { runner } = runnerOf((r) =>
      r.key === 'denied'
        ? { kind: 'answered', status: 403, headers: {}, body: { error: { code: 'ErrorAccessDenied' } } }
        : ok({
            value: [
              {
                start: { dateTime: '2026-11-23T08:00:00', timeZone: 'Pacific Standard Time' },
                end: { dateTime: '2026-11-23T09:00:00', timeZone: 'Pacific Standard Time' },
              },
            ],
          }),
    );
    const found = await createCalendarLoadGateway(runner).loadEvents([
      { userId: 'denied', ...window },
      { userId: 'odd', ...window },
    ]);
    expect(found.get('denied')).toBeNull();
    expect(found.get('odd')).toEqual([
      {
        startUtc: '2026-11-23T16:00:00.000Z',
        endUtc: '2026-11-23T17:00:00.000Z',
        showAs: null,
        isCancelled: false,
        createdUtc: null,
      },
    ]);
  });

  it('counts a calendar that never stops paging as unread rather than undercounting it', async () => {
    const { runner } = runnerOf(() =>
      ok({ value: [], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users/u1/calendarView?more' }),
    );
    expect((await createCalendarLoadGateway(runner).loadEvents([{ userId: 'u1', ...window }])).get('u1')).toBeNull();
  });
});

describe('workingHours', () => {
  it('reads working hours and time zone only; a mailbox without working hours gives null for them', async () => {
    const { runner, seen } = runnerOf((r) =>
      r.key === 'u1'
        ? ok({
            timeZone: 'W. Europe Standard Time',
            workingHours: {
              daysOfWeek: ['monday', 'friday'],
              startTime: '08:00:00.0000000',
              endTime: '16:30:00.0000000',
              timeZone: { name: 'W. Europe Standard Time' },
            },
          })
        : r.key === 'u2'
          ? ok({ timeZone: 'Eastern Standard Time' })
          : { kind: 'gaveUp', detail: 'throttled (429)' },
    );
    const found = await createCalendarLoadGateway(runner).workingHours(['u1', 'u2', 'u3', 'u1']);
    expect(found.get('u1')).toEqual({
      timeZone: 'W. Europe Standard Time',
      workingHours: {
        daysOfWeek: ['monday', 'friday'],
        startTime: '08:00:00.0000000',
        endTime: '16:30:00.0000000',
        timeZoneName: 'W. Europe Standard Time',
      },
    });
    expect(found.get('u2')).toEqual({ timeZone: 'Eastern Standard Time', workingHours: null });
    expect(found.get('u3')).toBeNull();
    expect(seen.map((r) => r.url)).toEqual([
      '/users/u1/mailboxSettings?$select=workingHours,timeZone',
      '/users/u2/mailboxSettings?$select=workingHours,timeZone',
      '/users/u3/mailboxSettings?$select=workingHours,timeZone',
    ]);
  });
});
