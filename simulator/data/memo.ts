/**
 * A bounded memo for pure per-job values (seeded cores, anchor details): the first entries in
 * are the first out. Plain FIFO keeps a hit to one Map lookup, and a dashboard's working set is
 * far smaller than the bound anyway.
 */
export class Memo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, build: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = build();
    if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
    return value;
  }
}
