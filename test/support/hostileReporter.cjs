// Sums the hostile suite's ledger (test/support/hostileLedger.ts) and prints one line at the end of the run:
// `hostile: N attacks, N rejected, 0 accepted`. A run in which any attack was accepted fails, even if the test that
// recorded it was somehow not counted as failed. Plain CommonJS: jest loads reporters without transforming them.
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const LEDGER_DIR_ENV = 'CANDOR_HOSTILE_LEDGER';

class HostileReporter {
  constructor() {
    // Set before jest starts its workers, which inherit the environment; one directory per run, so parallel runs
    // in the same checkout never mix their ledgers.
    this.dir = mkdtempSync(path.join(tmpdir(), 'candor-hostile-'));
    process.env[LEDGER_DIR_ENV] = this.dir;
    this.error = undefined;
  }

  onRunComplete() {
    const entries = [];
    for (const file of readdirSync(this.dir)) {
      for (const line of readFileSync(path.join(this.dir, file), 'utf8').split('\n')) {
        if (line.trim()) entries.push(JSON.parse(line));
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (entries.length === 0) return;
    const accepted = entries.filter((e) => e.outcome === 'accepted');
    const rejected = entries.length - accepted.length;
    process.stdout.write(`\nhostile: ${entries.length} attacks, ${rejected} rejected, ${accepted.length} accepted\n`);
    for (const a of accepted) process.stdout.write(`  ACCEPTED: ${a.name} (${a.file})\n`);
    if (accepted.length > 0) this.error = new Error(`hostile: ${accepted.length} attack(s) accepted`);
  }

  getLastError() {
    return this.error;
  }
}

module.exports = HostileReporter;
