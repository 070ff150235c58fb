/**
 * A bounded memo for the pure readers that run on every line, entry and sentence: the same words, titles and
 * entries recur within a protocol and across the protocols of an archive. Cleared when full rather than evicted one
 * by one.
 */
export function memo<T>(fn: (key: string) => T, limit = 20_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    if (cache.size >= limit) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
