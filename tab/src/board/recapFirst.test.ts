import { recapFirst } from './recapFirst';

const meeting = { start: '2026-12-07T10:00:00.000Z', end: '2026-12-07T10:30:00.000Z' };
const at = (iso: string): number => Date.parse(iso);

describe('recapFirst', () => {
  it('leads with "Write the recap" once the 1:1 has ended without one', () => {
    expect(recapFirst({ meeting, recap: null }, at('2026-12-07T10:30:00.000Z'))).toBe(true);
    expect(recapFirst({ meeting, recap: null }, at('2026-12-08T09:00:00.000Z'))).toBe(true);
  });
  it('keeps the close at the end while the 1:1 is on or still ahead', () => {
    expect(recapFirst({ meeting, recap: null }, at('2026-12-07T10:29:59.000Z'))).toBe(false);
    expect(recapFirst({ meeting, recap: null }, at('2026-12-06T10:00:00.000Z'))).toBe(false);
  });
  it('does not ask again once the recap is written, nor without meeting times', () => {
    expect(recapFirst({ meeting, recap: { written: true } }, at('2026-12-08T09:00:00.000Z'))).toBe(false);
    expect(recapFirst({ meeting: null, recap: null }, at('2026-12-08T09:00:00.000Z'))).toBe(false);
  });
});
