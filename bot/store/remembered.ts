/**
 * A bounded memory of values by key: past `max` keys it starts again (whoever asks then reads the database), which
 * keeps it small without bookkeeping on every hit. For what the SQLite store knows it wrote (one process owns it).
 */
export class Remembered<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  set(key: string, value: V): void {
    if (this.values.size >= this.max && !this.values.has(key)) this.values.clear();
    this.values.set(key, value);
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  clear(): void {
    this.values.clear();
  }
}
