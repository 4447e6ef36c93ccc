/**
 * Pairs reports of the same agency in consecutive years, for the carry.* rules. The index holds only file,
 * agency and year (a few dozen bytes a file), so a batch of 10,000 reports indexes in flat memory.
 */

/** Agency names as compared: without spaces and punctuation. */
export function agencyKey(name: string): string {
  return name.replace(/[\s\p{P}]/gu, '');
}

/** The name without one leading 「××省」/「××市」 (「淮安市洪泽区人民政府」 → 「洪泽区人民政府」), or undefined. */
export function withoutPrefix(key: string): string | undefined {
  const m = /^[^省市]{2,8}?[省市](.{4,})$/u.exec(key);
  return m?.[1];
}

export interface IndexEntry {
  readonly file: string;
  readonly agency: string;
  readonly year: number;
}

export class YearIndex {
  /** `year|key` → files, for the full key and for the key without its leading city or province. */
  private readonly byName = new Map<string, string[]>();
  private readonly byShort = new Map<string, string[]>();
  /** Each file's own agency and year, so the check pass (run ahead in worker threads) can pair by path. */
  private readonly byFile = new Map<string, IndexEntry>();

  add(e: IndexEntry): void {
    this.byFile.set(e.file, e);
    const key = agencyKey(e.agency);
    if (!key) return;
    const push = (m: Map<string, string[]>, k: string) => {
      const list = m.get(k);
      if (list) list.push(e.file);
      else m.set(k, [e.file]);
    };
    push(this.byName, `${e.year}|${key}`);
    const short = withoutPrefix(key);
    if (short) push(this.byShort, `${e.year}|${short}`);
  }

  /**
   * Last year's report of the same agency: the same name, or the same name with or without a leading city
   * (「洪泽区人民政府」 2023 and 「淮安市洪泽区人民政府」 2024). The first file in input order when there are several.
   */
  previousOf(agency: string, year: number, self?: string): string | undefined {
    const key = agencyKey(agency);
    if (!key) return undefined;
    const y = year - 1;
    const short = withoutPrefix(key);
    const candidates = [
      ...(this.byName.get(`${y}|${key}`) ?? []),
      ...(short ? this.byName.get(`${y}|${short}`) ?? [] : []),
      ...(this.byShort.get(`${y}|${key}`) ?? []),
    ];
    return candidates.find((f) => f !== self);
  }

  /** previousOf for a file added to the index (undefined for one that could not be read). */
  previousOfFile(file: string): string | undefined {
    const e = this.byFile.get(file);
    return e ? this.previousOf(e.agency, e.year, file) : undefined;
  }
}
