/**
 * Counts failed sign-ins per key (client address, user name) in a sliding window, in memory: enough for one
 * process; a shared service behind several processes needs the proxy to limit as well.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** True when any of the keys has used up its attempts. */
  blocked(keys: readonly string[]): boolean {
    return keys.some((k) => this.recent(k).length >= this.max);
  }

  fail(keys: readonly string[]): void {
    if (this.failures.size > 10_000) this.failures.clear(); // bound memory under a flood of random names
    for (const k of keys) this.failures.set(k, [...this.recent(k), this.now()]);
  }

  reset(keys: readonly string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
