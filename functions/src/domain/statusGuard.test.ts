import { STATUS_EXAMPLES } from './statusGuard.examples';
import { looksLikeStatus, STATUS_THRESHOLD } from './statusGuard';

/** Precision and recall of the guard on the labelled table; printed so the figures can be quoted. */
function scoreTable() {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const wrong: string[] = [];
  for (const example of STATUS_EXAMPLES) {
    const verdict = looksLikeStatus(example.text).isStatus;
    if (verdict && example.status) tp++;
    else if (verdict && !example.status) fp++;
    else if (!verdict && example.status) fn++;
    else tn++;
    if (verdict !== example.status) wrong.push(`${example.status ? 'missed' : 'false alarm'}: ${example.text}`);
  }
  return { tp, fp, fn, tn, precision: tp / (tp + fp), recall: tp / (tp + fn), wrong };
}

describe('statusGuard.looksLikeStatus', () => {
  it('has a labelled table of at least 60 examples, both ways', () => {
    expect(STATUS_EXAMPLES.length).toBeGreaterThanOrEqual(60);
    expect(STATUS_EXAMPLES.filter((e) => e.status).length).toBeGreaterThanOrEqual(30);
    expect(STATUS_EXAMPLES.filter((e) => !e.status).length).toBeGreaterThanOrEqual(30);
  });

  it('separates status from conversation with high precision and recall on the table', () => {
    const s = scoreTable();
    // Printed for the closing note; not a timing or wall-clock figure.
    console.log(
      `status guard on ${STATUS_EXAMPLES.length} labelled examples: precision ${s.precision.toFixed(3)} ` +
        `(${s.tp}/${s.tp + s.fp}), recall ${s.recall.toFixed(3)} (${s.tp}/${s.tp + s.fn}); ` +
        `TP ${s.tp} FP ${s.fp} FN ${s.fn} TN ${s.tn}\n${s.wrong.map((w) => `  ${w}`).join('\n')}`,
    );
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.85);
  });

  it.each([
    ['a ticket reference', 'ABC-123 is waiting for review', 'ticketReference'],
    ['a checklist', '- [x] one\n- [ ] two', 'checklist'],
    ['done words', 'Shipped it and merged the branch', 'doneWord'],
    ['a progress percentage', 'The migration is at 60%', 'progressPercentage'],
    ['a deadline date', 'Due Friday', 'deadline'],
  ] as const)('names %s as a signal', (_name, text, signal) => {
    expect(looksLikeStatus(text).signals).toContain(signal);
  });

  it('is quiet on empty text and on a single done-word in a personal sentence', () => {
    expect(looksLikeStatus('   ')).toEqual({ isStatus: false, score: 0, signals: [] });
    expect(looksLikeStatus('I finished a book and loved it').isStatus).toBe(false);
  });

  it('needs the threshold, not any single weak signal', () => {
    const verdict = looksLikeStatus('Merged two recurring meetings into one');
    expect(verdict.score).toBeLessThan(STATUS_THRESHOLD);
    expect(verdict.isStatus).toBe(false);
  });
});
