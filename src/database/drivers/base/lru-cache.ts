/** A Map kept to `limit` entries by evicting the least recently used one (Map keeps insertion order). */
export class LruCache<Key, Value> {
  private entries = new Map<Key, Value>()
  private limit: number
  private onEvict?: (value: Value) => void
  private newestKey: Key | undefined

  constructor(limit: number, onEvict?: (value: Value) => void) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`LRU cache limit must be a positive whole number, got ${limit}`)

    this.limit = limit
    this.onEvict = onEvict
  }

  get size(): number {
    return this.entries.size
  }

  get(key: Key): Value | undefined {
    const value = this.entries.get(key)

    if (value === undefined && !this.entries.has(key)) return undefined

    // Re-inserting moves a key to the newest end; the key already there (a statement run in a
    // loop) needs no move, which spares the hot path a delete and an insert per call.
    if (key !== this.newestKey) {
      this.entries.delete(key)
      this.entries.set(key, value as Value)
      this.newestKey = key
    }

    return value
  }

  set(key: Key, value: Value): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    this.newestKey = key

    while (this.entries.size > this.limit) {
      const oldestKey = this.entries.keys().next().value as Key
      const oldest = this.entries.get(oldestKey) as Value

      this.entries.delete(oldestKey)
      this.onEvict?.(oldest)
    }
  }

  clear(): void {
    if (this.onEvict) for (const value of this.entries.values()) this.onEvict(value)

    this.entries.clear()
    this.newestKey = undefined
  }
}
