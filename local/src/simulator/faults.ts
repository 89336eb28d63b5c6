/**
 * Fault injection: make chosen requests slow, fail with a retryable status, or lose their connection, so the
 * product's retry and "unknown outcome" paths can be exercised on demand.
 */
import { isRecord } from './types';

export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Regular expression tested against the request path (no query), e.g. `/sendMail$` or `^/v1.0/users/[^/]+/calendarView`. */
  pathPattern?: string;
  kind: 'status' | 'latency' | 'drop';
  status?: 429 | 503 | 504 | 500;
  /** Sent as `Retry-After` (only when given, so tests choose whether the client has a hint). */
  retryAfterSeconds?: number;
  latencyMs?: number;
  /** How many matching requests it affects; default: all of them. */
  times?: number;
  /**
   * For `drop`: process the request first (its side effects happen, e.g. the mail is sent) and only then cut the
   * connection, so the caller can't know the outcome. Without it the request is dropped unprocessed.
   */
  afterEffect?: boolean;
  /**
   * Which requests it applies to: Graph (`/v1.0`, including each request inside a `$batch`), Entra ID, or the Bot
   * Connector (`bot`: paths like `/v3/conversations/{id}/activities`). Default graph.
   */
  target?: 'graph' | 'identity' | 'bot';
}

export interface FaultInjector {
  /** Adds a rule; returns its id for `remove`. Rules are checked in the order added. */
  add(rule: FaultRule): string;
  remove(id: string): void;
  clear(): void;
  /** Latency added to every Graph HTTP request (once per `$batch`, not per inner request). */
  setBaseLatency(ms: number): void;
  list(): Array<FaultRule & { id: string; remaining: number | null }>;
}

/** What the matching rules decided for one request. */
export interface FaultDecision {
  latencyMs: number;
  status?: { status: number; retryAfterSeconds?: number };
  drop?: { afterEffect: boolean };
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  regex?: RegExp;
  remaining: number;
}

export class Faults implements FaultInjector {
  private rules: ActiveRule[] = [];
  private baseLatencyMs = 0;
  private nextId = 1;

  add(rule: FaultRule): string {
    const checked = validateRule(rule);
    const id = `fault-${this.nextId++}`;
    this.rules.push({
      id,
      rule: checked,
      ...(checked.pathPattern ? { regex: new RegExp(checked.pathPattern) } : {}),
      remaining: checked.times ?? Infinity,
    });
    return id;
  }

  remove(id: string): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
    this.baseLatencyMs = 0;
  }

  setBaseLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('faults: base latency must be a non-negative number of ms');
    this.baseLatencyMs = ms;
  }

  list(): Array<FaultRule & { id: string; remaining: number | null }> {
    return this.rules.map((r) => ({
      ...r.rule,
      id: r.id,
      remaining: Number.isFinite(r.remaining) ? r.remaining : null,
    }));
  }

  /**
   * Decides what happens to a request and uses up the rules that fired: every matching latency rule adds up, and
   * the first matching status/drop rule decides the outcome.
   */
  decide(target: 'graph' | 'identity' | 'bot', method: string, path: string, outerRequest: boolean): FaultDecision {
    const decision: FaultDecision = { latencyMs: target === 'graph' && outerRequest ? this.baseLatencyMs : 0 };
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0 || (rule.target ?? 'graph') !== target) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (active.regex && !active.regex.test(path)) continue;
      if (rule.kind === 'latency') {
        decision.latencyMs += rule.latencyMs ?? 0;
        active.remaining--;
      } else if (!decision.status && !decision.drop) {
        if (rule.kind === 'status') {
          decision.status = {
            status: rule.status ?? 503,
            ...(rule.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: rule.retryAfterSeconds }),
          };
        } else {
          decision.drop = { afterEffect: rule.afterEffect === true };
        }
        active.remaining--;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return decision;
  }
}

/** Checks a rule (it may come from JSON posted to `/_sim/faults`). */
export function validateRule(input: unknown): FaultRule {
  if (!isRecord(input)) throw new Error('faults: a rule must be an object');
  const { kind, status, method, pathPattern, retryAfterSeconds, latencyMs, times, afterEffect, target } = input;
  if (kind !== 'status' && kind !== 'latency' && kind !== 'drop')
    throw new Error("faults: kind must be 'status', 'latency' or 'drop'");
  const rule: FaultRule = { kind };
  if (status !== undefined) {
    if (status !== 429 && status !== 503 && status !== 504 && status !== 500)
      throw new Error('faults: status must be 429, 503, 504 or 500');
    rule.status = status;
  }
  if (method !== undefined) {
    if (typeof method !== 'string') throw new Error('faults: method must be a string');
    rule.method = method;
  }
  if (pathPattern !== undefined) {
    if (typeof pathPattern !== 'string') throw new Error('faults: pathPattern must be a string');
    new RegExp(pathPattern); // throws on a bad pattern now rather than on the next request
    rule.pathPattern = pathPattern;
  }
  const number = (value: unknown, name: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`faults: ${name} must be a non-negative number`);
    return value;
  };
  if (retryAfterSeconds !== undefined) rule.retryAfterSeconds = number(retryAfterSeconds, 'retryAfterSeconds');
  if (latencyMs !== undefined) rule.latencyMs = number(latencyMs, 'latencyMs');
  if (times !== undefined && times !== null) rule.times = number(times, 'times');
  if (afterEffect !== undefined) rule.afterEffect = afterEffect === true;
  if (target !== undefined) {
    if (target !== 'graph' && target !== 'identity' && target !== 'bot')
      throw new Error("faults: target must be 'graph', 'identity' or 'bot'");
    rule.target = target;
  }
  if (kind === 'latency' && rule.latencyMs === undefined) throw new Error('faults: a latency rule needs latencyMs');
  return rule;
}

export const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
