import { describe, expect, it } from 'vitest';
import { catalogue, FORMAT_IDS, TABLE_IDS, tableGrids } from './formats/index.js';
import { relations } from './rules/relations.js';
import { checkTables } from './rules/evaluate.js';
import { emptyDraft } from './draft.js';
import { address, cellsFromValues, columnGroups, isRowLayout, parseRange, sheetPlan, type SheetPlan } from './layout.js';
import { evaluateTotal } from './layout/sum-formula.js';

/** Every single cell a range list like '$D$5:$D$9,$E$5' covers, as 'D5' addresses. */
function expand(refs: string): string[] {
  const out: string[] = [];
  for (const ref of refs.match(/\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?/g) ?? []) {
    const r = parseRange(ref)!;
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(address(row, col));
  }
  return out;
}

/** Each drawn part of each table (t4 is drawn as its column groups) with its top row in the plan. */
function drawnParts(plan: SheetPlan, format: (typeof FORMAT_IDS)[number]) {
  return TABLE_IDS.flatMap((t) => {
    const tops = plan.tables.filter((x) => x.table === t).map((x) => parseRange(x.ref)!.top);
    const groups = columnGroups(tableGrids(format)[t]);
    expect(groups).toHaveLength(tops.length);
    return groups.map((g, i) => ({ table: t, top: tops[i]!, cells: g.cells }));
  });
}

describe.each(FORMAT_IDS)('the sheet plan of format %s', (format) => {
  const plan = sheetPlan(format, { agency: '威海市某局', year: format === '2019' ? 2020 : 2024 });
  const cat = catalogue(format);

  it('draws t4 as its three column groups, so that no part is wider than t3 (A4 portrait)', () => {
    expect(plan.tables.filter((t) => t.table === 't4')).toHaveLength(3);
    expect(plan.width).toBe(tableGrids(format).t3.width);
    expect(plan.names.filter((n) => n.table === 't4').map((n) => n.name)).toEqual(['NB_T4_1', 'NB_T4_2', 'NB_T4_3']);
    // Every t4 heading of the official grid is still drawn (the 行政诉讼 heading over both of its groups).
    const drawn = plan.cells.filter((c) => c.text !== undefined).map((c) => c.text);
    for (const g of tableGrids(format).t4.rows.flat()) if (g.text) expect(drawn).toContain(g.text);
    expect(plan.pageBreaks).toEqual(['t3', 't4'].map((t) => parseRange(plan.tables.find((x) => x.table === t)!.ref)!.top - 1));
  });

  it('still knows the earlier layout (t4 as one row, name NB_T4), to read sheets made before', () => {
    const row = sheetPlan(format, { wideTables: 'row' });
    expect(row.width).toBe(tableGrids(format).t4.width);
    expect(row.names.filter((n) => n.table === 't4').map((n) => n.name)).toEqual(['NB_T4']);
    expect(isRowLayout(row.names.map((n) => n.name))).toBe(true);
    expect(isRowLayout(plan.names.map((n) => n.name))).toBe(false);
    expect(Object.keys(row.addressOf).sort()).toEqual(Object.keys(plan.addressOf).sort());
  });

  it('draws every merge of the official grids, and nothing else but the title', () => {
    const fromGrid = drawnParts(plan, format).flatMap(({ top, cells }) => {
      return cells
        .filter((c) => c.rowSpan > 1 || c.colSpan > 1)
        .map((c) => `${address(top + c.row, c.col)}:${address(top + c.row + c.rowSpan - 1, c.col + c.colSpan - 1)}`);
    });
    const planned = plan.merges.map((m) => `${m.from}:${m.to}`);
    expect(planned.slice(1).sort()).toEqual(fromGrid.sort());
    expect(planned[0]).toBe(`A1:${address(0, plan.width - 1)}`);
  });

  it('writes every label, header and note of the grids at its place, taken from the grid', () => {
    for (const { top, cells } of drawnParts(plan, format)) {
      for (const g of cells) {
        const cell = plan.cells.find((c) => c.row === top + g.row && c.col === g.col)!;
        if (g.role === 'value') expect(cell.cellId).toBe(g.cellId);
        else expect([cell.text, cell.role, cell.locked]).toEqual([g.text, g.role, true]);
      }
    }
    expect(plan.cells[0]!.text).toContain('威海市某局');
    expect(plan.cells.some((c) => c.role === 'note' && c.text?.includes('勾稽关系'))).toBe(true);
  });

  it('gives every cell id of the format exactly one address, and no two plan cells share one', () => {
    const ids = cat.cells.map((c) => c.id);
    expect(Object.keys(plan.addressOf).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(plan.cellAt[plan.addressOf[id]!]).toBe(id);
    const addresses = plan.cells.map((c) => c.address);
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const c of plan.cells) expect(c.address).toBe(address(c.row, c.col));
  });

  it('leaves input and total cells unlocked and tinted, with the number format of their kind', () => {
    for (const c of plan.cells.filter((x) => x.cellId)) {
      expect(c.locked).toBe(false);
      expect(c.fill).toMatch(/^#[0-9A-F]{6}$/);
      expect(c.kind).toBe(cat.byId.get(c.cellId!)!.kind);
      expect(c.numberFormat).toBeTruthy();
    }
  });

  it('covers every input and total cell by exactly one defined name of its table', () => {
    const seen = new Map<string, string>();
    for (const n of plan.names) {
      expect(n.name).toMatch(/^NB_T[234](_\d+)?$/);
      for (const a of expand(n.ref)) {
        const id = plan.cellAt[a];
        if (!id) continue;
        expect(seen.has(id)).toBe(false);
        expect(id.startsWith(n.table)).toBe(true);
        seen.set(id, n.name);
      }
    }
    expect(seen.size).toBe(cat.cells.length);
  });

  it('validates every input and total cell once, by its kind, with a Chinese alert', () => {
    const seen = new Map<string, string>();
    for (const v of plan.validations) {
      expect(v.error).toMatch(/[\u4e00-\u9fff]/);
      for (const a of expand(v.ref)) {
        const id = plan.cellAt[a];
        if (!id) continue;
        expect(seen.has(id)).toBe(false);
        expect(v.kind).toBe(cat.byId.get(id)!.kind);
        seen.set(id, v.kind);
      }
    }
    expect(seen.size).toBe(cat.cells.length);
    const delta = plan.validations.find((v) => v.kind === 'delta');
    if (delta) expect([delta.type, delta.operator, delta.formula1, delta.formula2]).toEqual(['whole', 'between', '-1000000000', '1000000000']);
  });

  it('puts a conditional format on the checked cells of every sum rule that needs no last-year report', () => {
    const own = relations(format).filter((r) => [...r.actual, ...r.expected].every((t) => t.year === 'this'));
    for (const r of own) {
      const terms = [...r.actual, ...r.expected].map((t) => plan.addressOf[t.ref]!);
      for (const a of r.actual) {
        const cf = plan.conditionalFormats.filter((c) => c.ref === plan.addressOf[a.ref] && c.rule === r.rule)
          .find((c) => [...new Set(expand(c.formula))].sort().join() === [...new Set(terms)].sort().join());
        expect(cf, `${r.rule} on ${a.ref}`).toBeDefined();
        expect(cf!.formula).toMatch(/^=AND\(COUNT\(/);
      }
    }
    const carry = relations(format).filter((r) => r.expected.some((t) => t.year === 'last'));
    expect(carry.length).toBeGreaterThan(0);
    for (const r of carry) expect(plan.conditionalFormats.some((c) => c.rule === r.rule)).toBe(false);
  });

  it('starts the row totals, the （七）总计 row and the t4 group totals as SUM formulas, and leaves carry-forward an input', () => {
    const totals = plan.cells.filter((c) => c.role === 'total');
    const ids = new Set(totals.map((c) => c.cellId));
    for (const row of cat.rows.filter((r) => r.table === 't3')) expect(ids.has(`t3.${row.id}.total`)).toBe(true);
    for (const c of cat.tables.t3.filter((x) => x.row === 'total')) expect(ids.has(c.id)).toBe(true);
    for (const c of cat.tables.t4.filter((x) => x.column === 'total')) expect(ids.has(c.id)).toBe(true);
    expect(ids.has('t3.carry-forward.natural')).toBe(false);
    for (const c of totals) expect(c.formula).toMatch(/^=IF\(COUNT\(([^()]+)\)=0,"",SUM\(\1\)\)$/);
  });

  it('has total formulas that agree with the rules core on a consistent sheet', () => {
    // Fill every input with a small number, evaluate the formulas, check with the rules core: no sum finding.
    const values: number[][] = Array.from({ length: plan.height }, () => Array<number>(plan.width).fill(NaN));
    let n = 0;
    for (const c of plan.cells) if (c.role === 'input') values[c.row]![c.col] = (n++ % 5) + (c.kind === 'delta' ? 1 : 0);
    const valueAt = (row: number, col: number): number | undefined => {
      const c = plan.cells.find((x) => x.row === row && x.col === col);
      if (c?.formula) {
        const v = evaluateTotal(c.formula, valueAt);
        return v === '' ? undefined : v;
      }
      const v = values[row]?.[col];
      return v === undefined || Number.isNaN(v) ? undefined : v;
    };
    const grid = Array.from({ length: plan.height }, (_, r) => Array.from({ length: plan.width }, (_, c) => valueAt(r, c) ?? ''));
    const cells = cellsFromValues(plan, grid);
    expect(Object.keys(cells).length).toBe(cat.cells.length);
    // carry-forward is an input: make the balance hold before judging the totals.
    const year = format === '2019' ? 2020 : 2024;
    const findings = checkTables({ ...emptyDraft(year), cells }).filter((f) => f.rule !== 't3.balance' && f.rule !== 't2.stock');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('cellsFromValues', () => {
  const plan = sheetPlan('2021');
  it('turns numbers into text, keeps text as typed and omits empty cells', () => {
    const grid: unknown[][] = Array.from({ length: plan.height }, () => Array<unknown>(plan.width).fill(''));
    const at = (id: string) => plan.cells.find((c) => c.cellId === id)!;
    grid[at('t3.new.natural').row]![at('t3.new.natural').col] = 7;
    grid[at('t3.new.legal').row]![at('t3.new.legal').col] = ' 3件';
    grid[at('t2.fees.amount').row]![at('t2.fees.amount').col] = 0.1 + 0.2;
    grid[at('t3.carried.natural').row]![at('t3.carried.natural').col] = null;
    expect(cellsFromValues(plan, grid)).toEqual({ 't3.new.natural': '7', 't3.new.legal': ' 3件', 't2.fees.amount': '0.3' });
  });
  it('reads a short grid without failing', () => {
    expect(cellsFromValues(plan, [[1, 2]])).toEqual({});
  });
});
