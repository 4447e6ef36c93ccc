/**
 * The arithmetic rules as declarations, like an XBRL calculation linkbase: `actual` terms must equal (or be at
 * least) the `expected` terms. A declaration `per: 'column'` names rows and is repeated for every column of the
 * table; `per: 'row'` names columns and is repeated for every row; `per: 'cell'` names whole `row.column` pairs.
 * The evaluator checks these; the add-in and the template turn the same declarations into spreadsheet formulas.
 */
import { catalogue, FORMATS, type FormatId } from '../formats/index.js';
import type { RuleId } from './catalogue.js';

/** A cell of this year's report (`year: 'this'`) or of last year's, with a sign. */
export interface Term {
  readonly ref: string;
  readonly weight: 1 | -1;
  readonly year: 'this' | 'last';
}

const t = (ref: string, weight: 1 | -1 = 1): Term => ({ ref, weight, year: 'this' });
const last = (ref: string): Term => ({ ref, weight: 1, year: 'last' });

export type Op = '=' | '>=';

export interface RelationDecl {
  readonly rule: RuleId;
  readonly table: 't2' | 't3' | 't4';
  readonly per: 'row' | 'column' | 'cell';
  /** Rows (per column), columns (per row) or `row.column` pairs (per cell) that the check is repeated over. */
  readonly over?: readonly string[];
  readonly op: Op;
  readonly actual: readonly Term[];
  readonly expected: readonly Term[] | 'outcome-rows';
  /**
   * Words for the message where the expected side is not simply its cells' labels (「各办理结果之和」); by default
   * they are built from the format's labels.
   */
  readonly describes?: string;
}

const T3_APPLICANTS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'];
const T4_PARTS = ['upheld', 'corrected', 'other', 'pending'];

const COMMON: readonly RelationDecl[] = [
  {
    rule: 't3.balance', table: 't3', per: 'column', op: '=',
    actual: [t('total'), t('carry-forward')], expected: [t('new'), t('carried')],
  },
  {
    rule: 't3.row-total', table: 't3', per: 'row', op: '=',
    actual: [t('total')], expected: T3_APPLICANTS.map((c) => t(c)),
  },
  {
    rule: 't3.outcome-total', table: 't3', per: 'column', op: '=',
    actual: [t('total')], expected: 'outcome-rows',
    describes: '各办理结果之和',
  },
  {
    rule: 't4.group-total', table: 't4', per: 'row', op: '=',
    actual: [t('total')], expected: T4_PARTS.map((c) => t(c)),
  },
  {
    rule: 'carry.t3', table: 't3', per: 'column', op: '=',
    actual: [t('carried')], expected: [last('carry-forward')],
  },
];

const BY_FORMAT: Readonly<Record<FormatId, readonly RelationDecl[]>> = {
  '2019': [
    {
      rule: 't2.stock', table: 't2', per: 'cell', op: '>=',
      over: ['licensing', 'services', 'penalty', 'coercion', 'fees'],
      actual: [t('prev'), t('delta')], expected: [],
    },
    {
      rule: 't2.published-vs-total', table: 't2', per: 'cell', op: '>=', over: ['rules', 'normative'],
      actual: [t('total')], expected: [t('published')],
    },
    {
      rule: 'carry.items', table: 't2', per: 'cell', op: '=',
      over: ['licensing', 'services', 'penalty', 'coercion', 'fees'],
      actual: [t('prev')], expected: [last('prev'), last('delta')],
    },
    {
      rule: 'carry.items', table: 't2', per: 'cell', op: '=', over: ['rules', 'normative'],
      actual: [t('total')], expected: [last('total'), t('published')],
    },
  ],
  '2021': [
    {
      rule: 't2.stock', table: 't2', per: 'cell', op: '>=', over: ['rules', 'normative'],
      actual: [t('in-force')], expected: [t('issued'), t('repealed', -1)],
    },
    {
      rule: 'carry.in-force', table: 't2', per: 'cell', op: '=', over: ['rules', 'normative'],
      actual: [t('in-force')], expected: [last('in-force'), t('issued'), t('repealed', -1)],
    },
  ],
};

/** One concrete check: cell ids filled in for one row, column or cell. */
export interface Relation {
  readonly rule: RuleId;
  readonly op: Op;
  readonly actual: readonly Term[];
  readonly expected: readonly Term[];
  readonly describes: string;
}

/** 「自然人、商业企业…之和」, 「上年报告的现行有效件数加本年制发件数减本年废止件数」: the expected side in the format's words. */
function describe(format: FormatId, terms: readonly Term[]): string {
  const byId = catalogue(format).byId;
  const defs = terms.map((t) => byId.get(t.ref)!);
  const sameRow = defs.every((d) => d.row === defs[0]!.row);
  const label = (i: number) => (terms.length === 1 ? defs[i]!.label : sameRow ? defs[i]!.columnLabel : defs[i]!.rowLabel);
  const name = (t: Term, i: number) => `${t.year === 'last' ? '上年报告的' : ''}${label(i)}`;
  if (terms.length > 1 && terms.every((t) => t.weight === 1 && t.year === 'this')) {
    return `${terms.map(name).join(terms.length === 2 ? '与' : '、')}之和`;
  }
  return terms.map((t, i) => `${i === 0 ? '' : t.weight === 1 ? '加' : '减'}${name(t, i)}`).join('');
}

function expand(format: FormatId, d: RelationDecl): Relation[] {
  const f = FORMATS[format];
  const rowsOf = () => (d.table === 't3' ? f.t3.rows.map((r) => r.id) : f.t4.groups.map((g) => g.id));
  const columnsOf = () => (d.table === 't3' ? f.t3.columns : f.t4.columns).map((c) => c.id);
  const outcomeRows = f.t3.rows.filter((r) => 'outcome' in r && r.outcome).map((r) => t(r.id));
  const expected = d.expected === 'outcome-rows' ? outcomeRows : d.expected;
  const at = (terms: readonly Term[], id: (ref: string) => string) => terms.map((x) => ({ ...x, ref: id(x.ref) }));
  const base = { rule: d.rule, op: d.op };
  const made = (actual: readonly Term[], exp: readonly Term[]): Relation => ({ ...base, actual, expected: exp, describes: d.describes ?? describe(format, exp) });
  switch (d.per) {
    case 'column':
      return columnsOf().map((c) => made(at(d.actual, (r) => `${d.table}.${r}.${c}`), at(expected, (r) => `${d.table}.${r}.${c}`)));
    case 'row':
      return rowsOf().map((r) => made(at(d.actual, (c) => `${d.table}.${r}.${c}`), at(expected, (c) => `${d.table}.${r}.${c}`)));
    case 'cell':
      return (d.over as readonly string[]).map((r) => made(at(d.actual, (c) => `${d.table}.${r}.${c}`), at(expected, (c) => `${d.table}.${r}.${c}`)));
    default: {
      const never: never = d.per;
      throw new Error(`unknown relation kind ${String(never)}`);
    }
  }
}

const cache = new Map<FormatId, readonly Relation[]>();

/** Every arithmetic check of a format, expanded to cell ids. */
export function relations(format: FormatId): readonly Relation[] {
  let r = cache.get(format);
  if (!r) cache.set(format, (r = [...COMMON, ...BY_FORMAT[format]].flatMap((d) => expand(format, d))));
  return r;
}
