/** Random consistent drafts of either format, for the property tests and the benchmark. */
import { catalogue, DRAFT_SCHEMA_ID, FORMATS, type Draft, type FormatId } from '../../shared/index.js';

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEAR: Record<FormatId, number> = { '2019': 2020, '2021': 2024 };

/** A draft of `format` whose every table rule holds and that raises no finding at all. */
export function consistentDraft(format: FormatId, random: () => number, scale = 50): Draft {
  const int = (max: number) => Math.floor(random() * (max + 1));
  const f = FORMATS[format];
  const cells: Record<string, string> = {};
  const set = (id: string, v: number) => (cells[id] = String(v));

  // t3: outcomes per applicant column; total and carry-forward derive the rest.
  const applicants = f.t3.columns.filter((c) => c.id !== 'total').map((c) => c.id);
  const sums = new Map<string, number>();
  const add = (row: string, col: string, v: number) => {
    set(`t3.${row}.${col}`, v);
    sums.set(row, (sums.get(row) ?? 0) + v);
  };
  for (const col of applicants) {
    let total = 0;
    for (const row of f.t3.rows) {
      if (!('outcome' in row && row.outcome)) continue;
      const v = random() < 0.5 ? 0 : int(scale);
      total += v;
      add(row.id, col, v);
    }
    const forward = int(scale);
    const carried = int(total + forward);
    add('total', col, total);
    add('carry-forward', col, forward);
    add('carried', col, carried);
    add('new', col, total + forward - carried);
  }
  for (const [row, sum] of sums) set(`t3.${row}.total`, sum);

  for (const g of f.t4.groups) {
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((c) => {
      const v = int(scale);
      set(`t4.${g.id}.${c}`, v);
      return v;
    });
    set(`t4.${g.id}.total`, parts.reduce((a, b) => a + b, 0));
  }

  for (const c of catalogue(format).tables.t2) {
    if (c.kind === 'amount') cells[c.id] = (1 + int(scale * 100) / 7).toFixed(2);
    else if (c.kind === 'delta') cells[c.id] = String(int(scale) - Math.floor(scale / 2));
    else set(c.id, 1 + int(scale));
  }
  // Make the t2 relations hold: stock not negative, published within total, in force at least issued − repealed.
  for (const row of catalogue(format).rows.filter((r) => r.table === 't2')) {
    const n = (col: string) => Number(cells[`t2.${row.id}.${col}`]);
    if (`t2.${row.id}.delta` in cells) {
      if (n('prev') + n('delta') < 0) set(`t2.${row.id}.delta`, -n('prev'));
      if (n('delta') > 0 && `t2.${row.id}.decisions` in cells) set(`t2.${row.id}.decisions`, 1 + n('decisions'));
    }
    if (`t2.${row.id}.published` in cells && n('published') > n('total')) set(`t2.${row.id}.total`, n('published'));
    if (`t2.${row.id}.in-force` in cells && n('in-force') < n('issued') - n('repealed')) set(`t2.${row.id}.in-force`, n('issued'));
  }
  return { schema: DRAFT_SCHEMA_ID, year: YEAR[format], format, agency: { name: '随机机关' }, cells, narrative: {} };
}

/** Last year's draft that `d` follows on from: every carry.* rule holds between the two. */
export function previousOf(d: Draft): Draft {
  const cells = { ...d.cells };
  const n = (id: string) => Number(d.cells[id]);
  for (const { id, table, row, column } of catalogue(d.format!).cells) {
    if (table === 't3' && row === 'carried') cells[`t3.carry-forward.${column}`] = d.cells[id]!;
    if (table !== 't2') continue;
    // 2021: in force now = in force last year + issued − repealed
    if (column === 'in-force') cells[id] = String(n(id) - n(`t2.${row}.issued`) + n(`t2.${row}.repealed`));
    // 2019: prev now = last prev + last delta (so last year's delta is 0); total now = last total + published
    if (column === 'prev') cells[`t2.${row}.delta`] = '0';
    if (column === 'total') cells[id] = String(n(id) - n(`t2.${row}.published`));
  }
  return { ...d, year: d.year - 1, cells };
}
