import { TEXT_FIELD_OWNERS } from '@candor/functions/contract';
import { lastJsonLine } from './runAll';
import {
  backoffDelay,
  capacityFrom,
  searchDone,
  type CapacityAttempt,
  lostEdits,
  markersIn,
  percentile,
  planSaves,
  rebase,
  seededRandom,
  withMarker,
} from './saveLoad';

describe('planSaves: the open-loop schedule', () => {
  const plan = planSaves({ rate: 200, seconds: 30, boards: 50, concurrentShare: 0.2, random: seededRandom(9) });

  it('holds the rate: save i is due at i / rate whatever the answers, pairs sharing the first slot of the two', () => {
    expect(plan).toHaveLength(6000);
    for (let i = 0; i < plan.length; i++) {
      const save = plan[i];
      // The second of a pair (always the report's) is sent at the same instant as the manager's before it.
      if (save?.concurrent && save.role === 'report') expect(save.at).toBe(plan[i - 1]?.at);
      else expect(save?.at).toBeCloseTo(i * 5, 6);
    }
    expect(plan.at(-1)?.at).toBeLessThan(30_000);
  });

  it('makes about the asked share of saves concurrent pairs: both people of one board, each in a field they own', () => {
    const pairs = plan.filter((s) => s.concurrent);
    expect(pairs.length / plan.length).toBeGreaterThan(0.17);
    expect(pairs.length / plan.length).toBeLessThan(0.23);
    for (let i = 0; i < plan.length; i++) {
      const save = plan[i];
      if (!save) continue;
      expect(TEXT_FIELD_OWNERS[save.field]).toBe(save.role);
      if (save.concurrent && save.role === 'manager') {
        expect(plan[i + 1]).toMatchObject({ board: save.board, role: 'report', at: save.at, concurrent: true });
      }
    }
  });

  it('spreads the saves over every board, the same way for the same seed', () => {
    expect(new Set(plan.map((s) => s.board)).size).toBe(50);
    // The same seed draws the same boards and fields (the last slot of a shorter plan cannot start a pair).
    expect(
      planSaves({ rate: 200, seconds: 1, boards: 50, concurrentShare: 0.2, random: seededRandom(9) }).slice(0, 199),
    ).toEqual(plan.slice(0, 199));
  });
});

describe('edit texts and the re-base after a 409', () => {
  it('appends one unique word per edit, and no marker hides inside a longer one', () => {
    let text = '';
    for (let seq = 1; seq <= 12; seq++) text = withMarker(text, seq);
    expect(text).toBe('e1. e2. e3. e4. e5. e6. e7. e8. e9. e10. e11. e12.');
    expect(withMarker('', 1).length).toBeGreaterThan(0);
    expect('e11. e12.'.includes('e1.')).toBe(false);
  });

  it('keeps the side that already holds everything, as the tab does, and both sides otherwise', () => {
    // An earlier save of the same field landed first: the newer text still has to be sent.
    expect(rebase('e1. e2.', 'e1.')).toBe('e1. e2.');
    // A newer save of the same field landed first: nothing is left to send.
    expect(rebase('e1.', 'e1. e2.')).toBe('e1. e2.');
    expect(rebase('e1.', 'e1.')).toBe('e1.');
    // Two devices typed different words: nothing is dropped.
    expect(rebase('mine', 'theirs')).toBe('theirs\n\nmine');
  });
});

describe('lostEdits', () => {
  it('finds every acknowledged edit missing from its field at the end, and only those', () => {
    const acknowledged = new Map([
      ['0/energizing', ['e1.', 'e2.', 'e3.']],
      ['1/supportNote', ['e1.']],
      ['2/careerNote', ['e1.']],
    ]);
    const final = new Map([
      ['0/energizing', 'e1. e3. e4.'],
      ['1/supportNote', 'e11.'],
    ]);
    expect(lostEdits(acknowledged, final)).toEqual([
      { field: '0/energizing', marker: 'e2.' },
      { field: '1/supportNote', marker: 'e1.' },
      { field: '2/careerNote', marker: 'e1.' },
    ]);
    expect(
      lostEdits(
        acknowledged,
        new Map([
          ['0/energizing', 'e1. e2. e3.'],
          ['1/supportNote', 'x\n\ne1.'],
          ['2/careerNote', 'e1.'],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads the words of a field split by any whitespace', () => {
    expect(markersIn('e1.\n\ne2.  e3.')).toEqual(new Set(['e1.', 'e2.', 'e3.']));
  });
});

describe('percentile and backoff', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('backs off like the tab: doubling from 1 s, capped at 30 s, within ±20 %', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.5)).toBe(30_000);
    expect(backoffDelay(1, () => 0)).toBe(800);
    expect(backoffDelay(1, () => 0.999999)).toBe(1200);
  });
});

describe('lastJsonLine: what npm run bench keeps of a benchmark', () => {
  it('is the last line that parses as a JSON object', () => {
    expect(lastJsonLine(['a', '{"bench":"save","p99Ratio":1.2}', 'lost edits: 0'])).toEqual({
      bench: 'save',
      p99Ratio: 1.2,
    });
    expect(lastJsonLine(['{"bench":"old"}', '{not json', '{"bench":"new"}'])).toEqual({ bench: 'new' });
    expect(lastJsonLine(['no json here'])).toBeNull();
  });
});

describe('capacityFrom: the highest stepped rate that held', () => {
  const step = (rate: number, p99Ms: number, failed = 0): CapacityAttempt => ({ rate, p99Ms, failed });

  it('is the last rate whose p99 stayed within the goal with nothing failed, before the first rate that missed', () => {
    expect(capacityFrom([step(50, 20), step(100, 40), step(150, 140), step(150, 150)], 100)).toBe(100);
    expect(capacityFrom([step(50, 20), step(100, 40, 1), step(100, 45, 1)], 100)).toBe(50);
  });

  it('gives a rate a second try, so one slice disturbed by another process does not end the search', () => {
    expect(capacityFrom([step(50, 20), step(100, 300), step(100, 60), step(150, 90)], 100)).toBe(150);
  });

  it('is 0 when even the first step missed twice', () => {
    expect(capacityFrom([step(50, 120), step(50, 130)], 100)).toBe(0);
    expect(capacityFrom([], 100)).toBe(0);
  });

  it('says whether a search should stop: after two misses at one rate', () => {
    expect(searchDone([step(50, 20)], 100)).toBe(false);
    expect(searchDone([step(50, 20), step(100, 300)], 100)).toBe(false);
    expect(searchDone([step(50, 20), step(100, 300), step(100, 200)], 100)).toBe(true);
  });
});
