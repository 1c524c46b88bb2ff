/**
 * Counts failed authentications per client address in a fixed window.
 * Only failures are counted, so clients with valid credentials are never slowed.
 *
 * @example
 * const limiter = new FailureLimiter(30, 60_000);
 * if (limiter.retryAfterSeconds(ip) > 0) return tooManyRequests();
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { count: number; start: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a failure; returns seconds to wait when the address is now over the limit, else 0. */
  recordFailure(address: string): number {
    const t = this.now();
    let w = this.windows.get(address);
    if (!w || t - w.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.windows.clear();
      w = { count: 0, start: t };
      this.windows.set(address, w);
    }
    w.count++;
    return this.retryAfterSeconds(address);
  }

  /** Seconds until the address may try again, or 0 when it is under the limit. */
  retryAfterSeconds(address: string): number {
    const w = this.windows.get(address);
    if (!w || w.count <= this.limit) return 0;
    const left = w.start + this.windowMs - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }
}
