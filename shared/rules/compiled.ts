/** Per-format index arrays for the evaluator: built once, so a check is array arithmetic, not map look-ups. */
import { catalogue, FORMAT_IDS, TABLE_IDS, type CellDef, type FormatId } from '../formats/index.js';
import { relations, type Relation } from './relations.js';

export interface CompiledRelation {
  readonly relation: Relation;
  /** Indices into the format's cell list; last-year terms hold the cell id instead (the previous report may be in another format). */
  readonly actual: Int32Array;
  readonly actualWeights: Int8Array;
  readonly expected: Int32Array;
  readonly expectedWeights: Int8Array;
  readonly lastIds: readonly string[];
  readonly lastWeights: readonly number[];
  /** Positions in the format's `lastIds` (and so in a check's last-year values) of the last-year terms. */
  readonly lastSlots: Int32Array;
  /** Index of the cell the finding is about (the total, or the checked cell). */
  readonly target: number;
  readonly equal: boolean;
  /** What a finding calls the checked side: one cell's label, or the terms' common row/column. */
  readonly text: string;
  /** The cells a finding names: the actual terms, then this year's expected terms. */
  readonly ids: readonly string[];
}

export interface CompiledFormat {
  readonly format: FormatId;
  readonly cells: readonly CellDef[];
  readonly index: ReadonlyMap<string, number>;
  /** The cell ids in index order, as internalised strings (property look-ups with them skip a string-table probe). */
  readonly ids: readonly string[];
  /** Position in TABLE_IDS of each cell's table. */
  readonly tableOfCell: Uint8Array;
  /** 2019 rows with 本年增/减 and 处理决定数量 (plausibility.items-without-decisions). */
  readonly itemRows: readonly { readonly label: string; readonly delta: number; readonly decisions: number }[];
  /** 政府集中采购 (2019): count and amount cells (plausibility.procurement-without-amount). */
  readonly procurement?: { readonly count: number; readonly amount: number };
  readonly relations: readonly CompiledRelation[];
  /** Cell ids of the other formats that this one lacks: a draft holding one mixes the formats. */
  readonly foreignIds: ReadonlySet<string>;
  /** The same ids as a list (internalised), probed on every check. */
  readonly foreignList: readonly string[];
  /** Cell ids of last year's report that the carry rules read. */
  readonly lastIds: readonly string[];
  /** Each cell's kind as COUNT, DELTA or AMOUNT. */
  readonly kinds: Uint8Array;
  /**
   * Every relation as one flat program, in `relations` order: relation j's terms are terms[start, aEnd) (actual,
   * cell indices), [aEnd, eEnd) (this year's expected, cell indices), [eEnd, lEnd) (last year's, lastIds
   * positions), where start is the previous lEnd and spans[3j..3j+2] = aEnd, eEnd, lEnd.
   */
  readonly terms: Int32Array;
  readonly weights: Float64Array;
  readonly spans: Int32Array;
  /** 1 where relation j is `=`, 0 where it is `>=`. */
  readonly equal: Uint8Array;
}

/** CellKind as a number, for the scratch loops. */
export const COUNT = 0, DELTA = 1, AMOUNT = 2;
const KIND_CODE = { count: COUNT, delta: DELTA, amount: AMOUNT } as const;

function targetText(defs: readonly CellDef[]): string {
  if (defs.length === 1) return defs[0]!.label;
  if (defs.every((d) => d.row === defs[0]!.row)) return `${defs[0]!.rowLabel}·${defs.map((d) => d.columnLabel).join('加')}`;
  return `${defs[0]!.columnLabel}列：${defs.map((d) => d.rowLabel).join('与')}之和`;
}

/** The same strings, as V8 keeps property names (keys of an object come back internalised). */
function internalised(xs: readonly string[]): string[] {
  const o: Record<string, true> = Object.create(null);
  for (const x of xs) o[x] = true;
  return Object.keys(o);
}

function compile(format: FormatId): CompiledFormat {
  const { cells } = catalogue(format);
  const index = new Map(cells.map((c, i) => [c.id, i]));
  const idx = (id: string) => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`rule names unknown cell ${id} in format ${format}`);
    return i;
  };
  const lastIds = [...new Set(relations(format).flatMap((r) => r.expected.filter((t) => t.year === 'last').map((t) => t.ref)))];
  const compiled = relations(format).map((relation): CompiledRelation => {
    const thisExp = relation.expected.filter((t) => t.year === 'this');
    const lastExp = relation.expected.filter((t) => t.year === 'last');
    const actualDefs = relation.actual.map((t) => cells[idx(t.ref)]!);
    return {
      text: targetText(actualDefs),
      ids: [...relation.actual.map((t) => t.ref), ...thisExp.map((t) => t.ref)],
      equal: relation.op === '=',
      lastSlots: Int32Array.from(lastExp.map((t) => lastIds.indexOf(t.ref))),
      relation,
      actual: Int32Array.from(relation.actual.map((t) => idx(t.ref))),
      actualWeights: Int8Array.from(relation.actual.map((t) => t.weight)),
      expected: Int32Array.from(thisExp.map((t) => idx(t.ref))),
      expectedWeights: Int8Array.from(thisExp.map((t) => t.weight)),
      lastIds: lastExp.map((t) => t.ref),
      lastWeights: lastExp.map((t) => t.weight),
      target: idx(relation.actual[0]!.ref),
    };
  });
  const terms: number[] = [], weights: number[] = [], spans: number[] = [];
  let end = 0;
  for (const r of compiled) {
    terms.push(...r.actual, ...r.expected, ...r.lastSlots);
    weights.push(...r.actualWeights, ...r.expectedWeights, ...r.lastWeights);
    const a = end + r.actual.length, e = a + r.expected.length;
    end = e + r.lastSlots.length;
    spans.push(a, e, end);
  }
  const at = (id: string) => index.get(id);
  const itemRows = catalogue(format).rows.flatMap((r) => {
    const delta = at(`t2.${r.id}.delta`), decisions = at(`t2.${r.id}.decisions`);
    return delta !== undefined && decisions !== undefined ? [{ label: r.label, delta, decisions }] : [];
  });
  const count = at('t2.procurement.count'), amount = at('t2.procurement.amount');
  const foreignIds = new Set(FORMAT_IDS.filter((f) => f !== format).flatMap((f) => catalogue(f).cells.map((c) => c.id))
    .filter((id) => !index.has(id)));
  return {
    format, cells, index, relations: compiled, itemRows, foreignIds, lastIds,
    ids: internalised(cells.map((c) => c.id)), foreignList: internalised([...foreignIds]),
    tableOfCell: Uint8Array.from(cells.map((c) => TABLE_IDS.indexOf(c.table))),
    kinds: Uint8Array.from(cells.map((c) => KIND_CODE[c.kind])),
    terms: Int32Array.from(terms), weights: Float64Array.from(weights), spans: Int32Array.from(spans),
    equal: Uint8Array.from(compiled.map((r) => (r.equal ? 1 : 0))),
    ...(count !== undefined && amount !== undefined ? { procurement: { count, amount } } : {}),
  };
}

const cache = new Map<FormatId, CompiledFormat>();
export function compiled(format: FormatId): CompiledFormat {
  let c = cache.get(format);
  if (!c) cache.set(format, (c = compile(format)));
  return c;
}
