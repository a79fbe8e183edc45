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
  clear(action?: string): void;
  accountThrottle(ratePerSec: number | null, burst?: number): void;
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
  private account?: TokenBucket;

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
      this.account = undefined;
    } else this.active.delete(action);
  }

  accountThrottle(ratePerSec: number | null, burst?: number): void {
    this.account = ratePerSec === null ? undefined : new TokenBucket(ratePerSec, burst ?? Math.max(1, ratePerSec));
  }

  /** What happens to this request. Consumes throttle tokens and "times" counters. */
  plan(action: string, service: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, throttled: false };
    const faults = [this.active.get(action), this.active.get('*')].filter((x): x is ActiveFault => !!x);
    for (const f of faults) plan.latencyMs = Math.max(plan.latencyMs, f.spec.latencyMs ?? 0);
    for (const f of faults) if (f.bucket && !f.bucket.take()) plan.throttled = true;
    if (!plan.throttled && service === 'iam' && this.account && !this.account.take()) plan.throttled = true;
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
