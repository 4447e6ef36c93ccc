/**
 * A small spreadsheet formula evaluator for the fake Excel host: numbers, text, TRUE/FALSE, A1 references and
 * ranges (with $), + - * / & and comparisons, and the functions the plan's formulas use (SUM, COUNT, COUNTBLANK, COUNTIF, ISNUMBER, ISTEXT,
 * AND, OR, NOT, ABS, IF, ROUND). Errors evaluate to an Excel error text such as '#VALUE!'.
 */

export type Scalar = number | string | boolean;
export interface RefRect { top: number; left: number; bottom: number; right: number }
type Value = Scalar | { ref: RefRect };

export class FormulaError extends Error {
  constructor(readonly code: string) { super(code); }
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(])|([A-Za-z_][\w.]*)\s*\(|(TRUE|FALSE)\b|(<>|<=|>=|[-+*/&=<>(),]))/y;

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'ref'; v: string } | { t: 'fn'; v: string } | { t: 'bool'; v: boolean } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new FormulaError('#NAME?');
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'str', v: m[2].slice(1, -1).replace(/""/g, '"') });
    else if (m[4] !== undefined) out.push({ t: 'ref', v: m[4] });
    else if (m[5] !== undefined) out.push({ t: 'fn', v: m[5].toUpperCase() });
    else if (m[6] !== undefined) out.push({ t: 'bool', v: m[6] === 'TRUE' });
    else out.push({ t: 'op', v: m[7]! });
  }
  return out;
}

/** 'B5', '$B$5:C7' → a rectangle; relative parts move by the offset (conditional formats on a range). */
export function parseRef(ref: string, offset = { rows: 0, cols: 0 }): RefRect {
  const one = (s: string) => {
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(s);
    if (!m) throw new FormulaError('#REF!');
    return { col: colIndex(m[2]!) + (m[1] ? 0 : offset.cols), row: Number(m[4]) - 1 + (m[3] ? 0 : offset.rows) };
  };
  const [a, b = a] = ref.split(':');
  const p = one(a!), q = one(b!);
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

export type CellReader = (row: number, col: number) => Scalar;

export function evaluate(formula: string, read: CellReader, offset = { rows: 0, cols: 0 }): Scalar {
  try {
    const toks = tokenize(formula.replace(/^=/, ''));
    let i = 0;
    const peek = () => toks[i];
    const isOp = (v: string) => { const t = toks[i]; return t?.t === 'op' && t.v === v; };
    const expect = (v: string) => { if (!isOp(v)) throw new FormulaError('#NAME?'); i++; };

    const scalar = (v: Value): Scalar => {
      if (typeof v !== 'object') return v;
      const r = v.ref;
      if (r.top !== r.bottom || r.left !== r.right) throw new FormulaError('#VALUE!');
      return read(r.top, r.left);
    };
    const num = (v: Value): number => {
      const s = scalar(v);
      if (typeof s === 'number') return s;
      if (typeof s === 'boolean') return s ? 1 : 0;
      if (s === '') return 0;
      if (s.startsWith('#')) throw new FormulaError(s);
      const n = Number(s);
      if (Number.isNaN(n)) throw new FormulaError('#VALUE!');
      return n;
    };
    const each = (args: Value[], f: (s: Scalar, fromRef: boolean) => void) => {
      for (const a of args) {
        if (typeof a === 'object') {
          for (let r = a.ref.top; r <= a.ref.bottom; r++) for (let c = a.ref.left; c <= a.ref.right; c++) f(read(r, c), true);
        } else f(a, false);
      }
    };
    const call = (name: string, args: Value[]): Scalar => {
      switch (name) {
        case 'SUM': {
          let s = 0;
          each(args, (v, fromRef) => {
            if (typeof v === 'string' && v.startsWith('#')) throw new FormulaError(v);
            if (typeof v === 'number') s += v;
            else if (!fromRef) s += num(v);
          });
          return s;
        }
        case 'COUNT': { let n = 0; each(args, (v) => { if (typeof v === 'number') n++; }); return n; }
        case 'COUNTBLANK': { let n = 0; each([args[0]!], (v) => { if (v === '') n++; }); return n; }
        case 'ISNUMBER': return typeof scalar(args[0]!) === 'number';
        case 'ISTEXT': return typeof scalar(args[0]!) === 'string';
        case 'COUNTIF': {
          // Only the criteria the plan writes: "?*" (text of at least one character) or a number.
          const crit = scalar(args[1]!);
          let n = 0;
          each([args[0]!], (v) => {
            if (crit === '?*' ? typeof v === 'string' && v.length > 0 && !v.startsWith('#') : v === crit) n++;
          });
          return n;
        }
        case 'AND': { let r = true; each(args, (v) => { r = r && num(v) !== 0; }); return r; }
        case 'OR': { let r = false; each(args, (v) => { r = r || num(v) !== 0; }); return r; }
        case 'NOT': return num(args[0]!) === 0;
        case 'ABS': return Math.abs(num(args[0]!));
        case 'IF': return num(args[0]!) !== 0 ? scalar(args[1] ?? true) : scalar(args[2] ?? false);
        case 'ROUND': { const k = 10 ** num(args[1] ?? 0); return Math.round(num(args[0]!) * k) / k; }
        default: throw new FormulaError('#NAME?');
      }
    };
    const primary = (): Value => {
      const t = peek();
      if (!t) throw new FormulaError('#NAME?');
      i++;
      switch (t.t) {
        case 'num': case 'str': case 'bool': return t.v;
        case 'ref': return { ref: parseRef(t.v, offset) };
        case 'fn': {
          const args: Value[] = [];
          if (!isOp(')')) { args.push(compare()); while (isOp(',')) { i++; args.push(compare()); } }
          expect(')');
          return call(t.v, args);
        }
        case 'op':
          if (t.v === '(') { const v = compare(); expect(')'); return v; }
          if (t.v === '-') return -num(primary());
          if (t.v === '+') return num(primary());
          throw new FormulaError('#NAME?');
      }
    };
    const term = (): Value => {
      let v = primary();
      while (isOp('*') || isOp('/')) {
        const op = (toks[i++] as { v: string }).v, r = num(primary());
        if (op === '/' && r === 0) throw new FormulaError('#DIV/0!');
        v = op === '*' ? num(v) * r : num(v) / r;
      }
      return v;
    };
    const additive = (): Value => {
      let v = term();
      while (isOp('+') || isOp('-') || isOp('&')) {
        const op = (toks[i++] as { v: string }).v, r = term();
        v = op === '&' ? String(scalar(v)) + String(scalar(r)) : op === '+' ? num(v) + num(r) : num(v) - num(r);
      }
      return v;
    };
    function compare(): Value {
      let v = additive();
      for (const op of ['<>', '<=', '>=', '=', '<', '>']) {
        if (!isOp(op)) continue;
        i++;
        const a = scalar(v), b = scalar(additive());
        const [x, y] = typeof a === 'number' || typeof b === 'number' ? [num(a), num(b)] : [String(a), String(b)];
        v = op === '=' ? x === y : op === '<>' ? x !== y : op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
        break;
      }
      return v;
    }
    const result = compare();
    if (i !== toks.length) throw new FormulaError('#NAME?');
    return scalar(result);
  } catch (e) {
    if (e instanceof FormulaError) return e.code;
    throw e;
  }
}
