/** Fault injection: throttling (token buckets), latency, 5xx answers and dropped connections. */

export interface FaultSpec {
  throttle?: { ratePerSec: number; burst?: number };
  latencyMs?: number;
  /** answer 5xx to the next `times` calls (default: all), status 500 (ServiceFailure) or e.g. 503 (ServiceUnavailable) */
  error5xx?: { times?: number; status?: number };
  /** destroy the socket without an answer; after=true applies the action first (a lost response), default before */
  drop?: { times?: number; after?: boolean };
}

export interface FaultControl {
  set(action: string, f: FaultSpec): void;
  /**
   * IAM in one account answers `Throttling` to its next `times` calls, whatever the pace: a fault a
   * test can count on, where a rate depends on how fast the machine sends.
   */
  throttleAccount(accountId: string, times: number): void;
  clear(action?: string): void;
  /**
   * IAM's request quota is per account: each account gets its own bucket of this rate (`accountId`
   * given: only that account is throttled; null clears).
   */
  accountThrottle(ratePerSec: number | null, burst?: number, accountId?: string): void;
}

export interface FaultPlan {
  latencyMs: number;
  throttled: boolean;
  error5xx?: number;
  drop?: 'before' | 'after';
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = clock();
  }
  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
}

interface ActiveFault {
  spec: FaultSpec;
  bucket?: TokenBucket;
  error5xxLeft: number;
  dropLeft: number;
}

export class Faults implements FaultControl {
  private readonly active = new Map<string, ActiveFault>();
  /** Rate per account ('*' = every account), and each account's own bucket. */
  private readonly accountRates = new Map<string, { ratePerSec: number; burst: number }>();
  private readonly accountBuckets = new Map<string, TokenBucket>();
  /** Calls left to throttle, per account (throttleAccount). */
  private readonly accountThrottlesLeft = new Map<string, number>();

  set(action: string, f: FaultSpec): void {
    this.active.set(action, {
      spec: f,
      ...(f.throttle ? { bucket: new TokenBucket(f.throttle.ratePerSec, f.throttle.burst ?? Math.max(1, f.throttle.ratePerSec)) } : {}),
      error5xxLeft: f.error5xx ? (f.error5xx.times ?? Infinity) : 0,
      dropLeft: f.drop ? (f.drop.times ?? Infinity) : 0,
    });
  }

  clear(action?: string): void {
    if (action === undefined) {
      this.active.clear();
      this.accountRates.clear();
      this.accountBuckets.clear();
      this.accountThrottlesLeft.clear();
    } else this.active.delete(action);
  }

  accountThrottle(ratePerSec: number | null, burst?: number, accountId = '*'): void {
    if (ratePerSec === null) this.accountRates.delete(accountId);
    else this.accountRates.set(accountId, { ratePerSec, burst: burst ?? Math.max(1, ratePerSec) });
    for (const key of [...this.accountBuckets.keys()]) if (accountId === '*' || key === accountId) this.accountBuckets.delete(key);
  }

  throttleAccount(accountId: string, times: number): void {
    this.accountThrottlesLeft.set(accountId, times);
  }

  private takeAccountThrottle(accountId: string): boolean {
    const left = this.accountThrottlesLeft.get(accountId) ?? 0;
    if (left <= 0) return false;
    this.accountThrottlesLeft.set(accountId, left - 1);
    return true;
  }

  private accountBucket(accountId: string): TokenBucket | undefined {
    let b = this.accountBuckets.get(accountId);
    if (!b) {
      const rate = this.accountRates.get(accountId) ?? this.accountRates.get('*');
      if (!rate) return undefined;
      b = new TokenBucket(rate.ratePerSec, rate.burst);
      this.accountBuckets.set(accountId, b);
    }
    return b;
  }

  /** What happens to this request. Consumes throttle tokens and "times" counters. */
  plan(action: string, service: string, accountId = ''): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, throttled: false };
    const faults = [this.active.get(action), this.active.get('*')].filter((x): x is ActiveFault => !!x);
    for (const f of faults) plan.latencyMs = Math.max(plan.latencyMs, f.spec.latencyMs ?? 0);
    for (const f of faults) if (f.bucket && !f.bucket.take()) plan.throttled = true;
    if (!plan.throttled && service === 'iam' && this.accountBucket(accountId)?.take() === false) plan.throttled = true;
    if (!plan.throttled && service === 'iam' && this.takeAccountThrottle(accountId)) plan.throttled = true;
    if (plan.throttled) return plan;
    for (const f of faults) {
      if (f.dropLeft > 0) {
        f.dropLeft--;
        plan.drop = f.spec.drop?.after ? 'after' : 'before';
        return plan;
      }
      if (f.error5xxLeft > 0) {
        f.error5xxLeft--;
        plan.error5xx = f.spec.error5xx?.status ?? 500;
        return plan;
      }
    }
    return plan;
  }
}
