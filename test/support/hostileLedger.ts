import { appendFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The hostile suite's ledger. Every attack runs through `attack()`: it passes only when the system rejected the
 * attack exactly as asserted, and it is recorded either way, one JSON line per attack in a file of this jest worker
 * under the directory the hostile reporter (test/support/hostileReporter.cjs) created for this run. The reporter
 * prints `hostile: N attacks, N rejected, 0 accepted` at the end and fails the run when any attack was accepted.
 * Outside a run with that reporter (a single file run through another config) the ledger records nothing.
 */

export const LEDGER_DIR_ENV = 'CANDOR_HOSTILE_LEDGER';

export type AttackOutcome = 'rejected' | 'accepted';

function record(name: string, outcome: AttackOutcome): void {
  const dir = process.env[LEDGER_DIR_ENV];
  if (!dir) return;
  const file = path.join(dir, `worker-${process.pid}.jsonl`);
  appendFileSync(file, `${JSON.stringify({ name, outcome, file: path.basename(expect.getState().testPath ?? '') })}\n`);
}

/**
 * Runs one attack: `prove` sends it and asserts the exact rejection (status and error code). If any assertion
 * fails, the attack counts as accepted and the failure is rethrown, so the test fails too.
 */
export async function attack(name: string, prove: () => Promise<void> | void): Promise<void> {
  try {
    await prove();
  } catch (error) {
    record(name, 'accepted');
    throw error;
  }
  record(name, 'rejected');
}
