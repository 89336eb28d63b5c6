import { planBatches } from './batchPlan';

const item = (mailbox: string, n: number) => ({ mailbox, n });

describe('planBatches', () => {
  it('packs requests for different mailboxes 20 to a parallel batch', () => {
    const items = Array.from({ length: 45 }, (_, n) => item(`user-${n}`, n));
    const batches = planBatches(items);
    expect(batches.map((b) => b.items.length)).toEqual([20, 20, 5]);
    expect(batches.every((b) => !b.sequential)).toBe(true);
    expect(batches.flatMap((b) => b.items.map((i) => i.n))).toEqual(items.map((i) => i.n));
  });

  it('never puts more than 4 requests for one mailbox into a parallel batch', () => {
    const items = [
      ...Array.from({ length: 3 }, (_, n) => item('Service@contoso', n)),
      ...Array.from({ length: 30 }, (_, n) => item(`u${n}`, 100 + n)),
    ];
    for (const batch of planBatches(items)) {
      for (const load of batch.mailboxLoad.values()) expect(load).toBeLessThanOrEqual(4);
    }
  });

  it('sends many requests for one mailbox as sequential batches of 20, each one connection to it', () => {
    const items = Array.from({ length: 47 }, (_, n) => item(n % 2 ? 'SERVICE@contoso' : 'service@contoso', n));
    const batches = planBatches(items);
    expect(batches.map((b) => [b.items.length, b.sequential])).toEqual([
      [20, true],
      [20, true],
      [7, true],
    ]);
    expect(batches.every((b) => b.mailboxLoad.get('service@contoso') === 1)).toBe(true);
  });

  it('puts a short remainder (4 or fewer) into a parallel batch with other mailboxes', () => {
    const items = [...Array.from({ length: 23 }, (_, n) => item('service', n)), item('alex', 99)];
    const batches = planBatches(items);
    expect(batches.map((b) => [b.items.length, b.sequential])).toEqual([
      [20, true],
      [4, false],
    ]);
    expect(batches[1]?.mailboxLoad).toEqual(
      new Map([
        ['service', 3],
        ['alex', 1],
      ]),
    );
  });
});
