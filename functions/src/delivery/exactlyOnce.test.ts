import { deliverExactlyOnce, type DeliveryClaim, type DeliveryPatch, type DeliveryPolicy } from './exactlyOnce';
import { SendPacer } from './pacing';
import { DEFAULT_SETTLING, settlementOf } from './settling';

/*
 * The one sender's settling and pacing against in-memory claim rows and a fake send, on a clock the test moves
 * (a pacer's wait advances it instead of sleeping).
 */

const START = Date.parse('2026-11-23T06:00:00.000Z');
const MINUTE = 60_000;

interface Harness {
  now: { value: number };
  rows: Map<string, DeliveryClaim & { problem?: string | null }>;
  sends: Array<{ claimId: string; sender: string; at: number }>;
  lookups: string[];
}

function policyOf(
  h: Harness,
  found: (claimId: string) => boolean | null,
  extra: Partial<DeliveryPolicy<DeliveryClaim, string, string, 'ok'>> = {},
): DeliveryPolicy<DeliveryClaim, string, string, 'ok'> {
  return {
    rows: {
      update: (claim, patch: DeliveryPatch) => {
        const next = { ...claim, ...(h.rows.get(claim.claimId) ?? {}), ...patch } as DeliveryClaim;
        h.rows.set(claim.claimId, next);
        return Promise.resolve(next);
      },
    },
    clock: () => new Date(h.now.value),
    settle: {
      kind: 'lookUp',
      sentAlready: (works) => {
        h.lookups.push(...works.map((w) => w.claim.claimId));
        return Promise.resolve(new Map(works.map((w) => [w.claim.claimId, found(w.claim.claimId)])));
      },
    },
    composer: () => Promise.resolve(({ item }) => Promise.resolve({ kind: 'ready' as const, message: item })),
    send: (ready) => {
      for (const { work } of ready) h.sends.push({ claimId: work.claim.claimId, sender: work.sender, at: h.now.value });
      return Promise.resolve(new Map(ready.map(({ work }) => [work.claim.claimId, 'ok' as const])));
    },
    verdictOf: () => ({ kind: 'sent' }),
    ...extra,
  };
}

function harness(): Harness {
  return { now: { value: START }, rows: new Map(), sends: [], lookups: [] };
}

/** A claim an earlier run marked `sending` `minutesAgo` minutes ago, whose outcome is unknown. */
function maybeSent(h: Harness, claimId: string, minutesAgo: number, extra: Partial<DeliveryClaim> = {}): DeliveryClaim {
  const claim: DeliveryClaim = {
    claimId,
    state: 'sending',
    leaseUntil: new Date(h.now.value + 10 * MINUTE).toISOString(),
    sender: 'service@contoso.example',
    attempts: 1,
    sendingAt: new Date(h.now.value - minutesAgo * MINUTE).toISOString(),
    lookups: 0,
    ...extra,
  };
  h.rows.set(claimId, claim);
  return claim;
}

const run = (h: Harness) => ({ owner: 'run', leaseUntil: new Date(h.now.value + 10 * MINUTE).toISOString() });
const owned = (claim: DeliveryClaim) =>
  ({ kind: 'owned', claim, item: 'mail', sender: claim.sender ?? 'service', settle: true }) as const;

describe('settling an unknown send is bounded', () => {
  it('not in Sent Items inside the settling window: nothing is sent, the lookup is counted, a later run looks again', async () => {
    const h = harness();
    const claim = maybeSent(h, 'c1', 3);
    const tally = await deliverExactlyOnce(
      policyOf(h, () => false),
      null,
      run(h),
      [owned(claim)],
    );
    expect(h.sends).toHaveLength(0);
    expect(tally.retryLater).toBe(1);
    expect(h.rows.get('c1')).toMatchObject({ state: 'sending', lookups: 1, problem: 'not in Sent Items yet' });
  });

  it('still not in Sent Items once the window is over: decided not sent, recorded, and sent again once', async () => {
    const h = harness();
    const claim = maybeSent(h, 'c1', DEFAULT_SETTLING.windowMs / MINUTE, { lookups: 2 });
    const tally = await deliverExactlyOnce(
      policyOf(h, () => false),
      null,
      run(h),
      [owned(claim)],
    );
    expect(h.sends.map((s) => s.claimId)).toEqual(['c1']);
    expect(tally).toMatchObject({ decidedUnsent: 1, sent: 1 });
    expect(h.rows.get('c1')).toMatchObject({
      state: 'sent',
      decidedUnsentAttempt: 1,
      attempts: 2,
      sendingAt: new Date(START).toISOString(),
      lookups: 0,
    });
  });

  it('a decision once recorded is not taken again: the resend is not preceded by another lookup', async () => {
    const h = harness();
    // A run decided attempt 1 unsent and died before its resend was marked `sending`.
    const claim = maybeSent(h, 'c1', 40, { decidedUnsentAttempt: 1 });
    await deliverExactlyOnce(
      policyOf(h, () => true),
      null,
      run(h),
      [owned(claim)],
    );
    expect(h.lookups).toEqual([]);
    expect(h.sends.map((s) => s.claimId)).toEqual(['c1']);
  });

  it('found late (after some lookups that did not find it): settled as sent, nothing sent again', async () => {
    const h = harness();
    const claim = maybeSent(h, 'c1', 40, { lookups: 3 });
    const tally = await deliverExactlyOnce(
      policyOf(h, () => true),
      null,
      run(h),
      [owned(claim)],
    );
    expect(h.sends).toHaveLength(0);
    expect(tally.settledAsSent).toBe(1);
    expect(h.rows.get('c1')?.state).toBe('sent');
  });

  it('Graph cannot search Sent Items: looked for again until the bound, then given up, never sent twice', async () => {
    const h = harness();
    let claim = maybeSent(h, 'c1', 1);
    for (let lookup = 1; lookup <= DEFAULT_SETTLING.maxInconclusive; lookup++) {
      await deliverExactlyOnce(
        policyOf(h, () => null),
        null,
        run(h),
        [owned(claim)],
      );
      claim = h.rows.get('c1') ?? claim;
      h.now.value += 15 * MINUTE;
    }
    expect(h.sends).toHaveLength(0);
    expect(h.rows.get('c1')).toMatchObject({ state: 'rejected' });
    expect(h.rows.get('c1')?.problem).toMatch(/could not be searched/);
  });

  it('the decision itself is a pure function of the answer, the attempt and the clock', () => {
    const at = new Date(START);
    const claim = { attempts: 1, sendingAt: at.toISOString(), lookups: 0 };
    const later = (ms: number) => new Date(START + ms);
    expect(settlementOf(true, claim, later(0), DEFAULT_SETTLING)).toEqual({ kind: 'sent' });
    expect(settlementOf(false, claim, later(DEFAULT_SETTLING.windowMs - 1), DEFAULT_SETTLING).kind).toBe('wait');
    expect(settlementOf(false, claim, later(DEFAULT_SETTLING.windowMs), DEFAULT_SETTLING)).toEqual({
      kind: 'unsent',
      record: true,
    });
    expect(settlementOf(null, { ...claim, lookups: 3 }, later(DEFAULT_SETTLING.windowMs), DEFAULT_SETTLING).kind).toBe(
      'giveUp',
    );
    expect(settlementOf(null, { ...claim, lookups: 3 }, later(0), DEFAULT_SETTLING).kind).toBe('wait');
  });
});

describe('sends are paced under Exchange’s per-minute limit', () => {
  it('100 messages from one mailbox leave at most 30 in any minute, all in the one run', async () => {
    const h = harness();
    const pacer = new SendPacer(30);
    const sleep = (ms: number) => {
      h.now.value += ms;
      return Promise.resolve();
    };
    const steps = Array.from({ length: 100 }, (_, i) => {
      const claim: DeliveryClaim = {
        claimId: `c${i}`,
        state: 'claimed',
        leaseUntil: new Date(START + 10 * MINUTE).toISOString(),
        sender: null,
        attempts: 0,
      };
      return { kind: 'owned', claim, item: 'mail', sender: 'service@contoso.example', settle: false } as const;
    });
    const tally = await deliverExactlyOnce(
      policyOf(h, () => false, { pace: { pacer, sleep } }),
      null,
      { owner: 'run', leaseUntil: new Date(START + 10 * MINUTE).toISOString() },
      steps,
    );
    expect(tally.sent).toBe(100);
    for (const send of h.sends) {
      expect(h.sends.filter((s) => s.at > send.at - MINUTE && s.at <= send.at).length).toBeLessThanOrEqual(30);
    }
    // Each message was marked `sending` when its own turn came, not minutes before it left.
    for (const send of h.sends) expect(h.rows.get(send.claimId)?.sendingAt).toBe(new Date(send.at).toISOString());
  });

  it('what the lease cannot cover after a wait is left for a later run instead of waiting past it', async () => {
    const h = harness();
    const pacer = new SendPacer(30);
    const sleeps: number[] = [];
    const sleep = (ms: number) => {
      sleeps.push(ms);
      h.now.value += ms;
      return Promise.resolve();
    };
    const leaseUntil = new Date(START + 150_000).toISOString();
    const steps = Array.from({ length: 100 }, (_, i) => {
      const claim: DeliveryClaim = { claimId: `c${i}`, state: 'claimed', leaseUntil, sender: null, attempts: 0 };
      return { kind: 'owned', claim, item: 'mail', sender: 'service@contoso.example', settle: false } as const;
    });
    const tally = await deliverExactlyOnce(
      policyOf(h, () => false, { pace: { pacer, sleep } }),
      null,
      run(h),
      steps,
    );
    expect(tally.sent).toBe(30);
    expect(tally.retryLater).toBe(70);
    expect(sleeps).toEqual([]);
    expect([...h.rows.values()].filter((c) => c.state === 'sending')).toHaveLength(0);
  });
});
