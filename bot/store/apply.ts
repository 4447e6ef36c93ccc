/** Applying one answer to a draft document: the single place that knows what a change path means. */
import { DRAFT_SCHEMA_ID, formatIdForYear, isFormatId, type Draft } from '../../shared/index.js';
import { StoreError, type Change } from './types.js';

const AGENCY_FIELDS = new Set(['name', 'address', 'postcode', 'phone', 'email', 'website', 'level']);

export function cloneDraft(d: Draft): Draft {
  return JSON.parse(JSON.stringify(d)) as Draft;
}

/** Applies the change to `out` in place; throws StoreError on an unknown path. */
export function mutateDraft(out: Draft, c: Change): Draft {
  const value = c.value === null ? undefined : String(c.value);
  const dot = c.path.indexOf('.');
  const head = dot < 0 ? c.path : c.path.slice(0, dot);
  const rest = dot < 0 ? '' : c.path.slice(dot + 1);
  switch (head) {
    case 'year': {
      const y = Number(value);
      if (!Number.isInteger(y)) throw new StoreError(`year must be an integer: ${String(c.value)}`);
      out.year = y;
      const f = formatIdForYear(y);
      if (f) out.format = f;
      else delete out.format;
      break;
    }
    case 'format':
      if (value === undefined) delete out.format;
      else if (isFormatId(value)) out.format = value;
      else throw new StoreError(`unknown format ${value}`);
      break;
    case 'agency':
      if (!AGENCY_FIELDS.has(rest)) throw new StoreError(`unknown agency field ${rest}`);
      if (rest === 'level' && value !== undefined && value !== 'department' && value !== 'government') {
        throw new StoreError(`unknown level ${value}`);
      }
      if (value === undefined && rest !== 'name') delete (out.agency as unknown as Record<string, unknown>)[rest];
      else (out.agency as unknown as Record<string, unknown>)[rest] = value ?? '';
      break;
    case 'signature':
      if (rest !== 'agency' && rest !== 'date') throw new StoreError(`unknown signature field ${rest}`);
      if (value === undefined) {
        if (out.signature) delete out.signature[rest];
      } else (out.signature ??= {})[rest] = value;
      break;
    case 'cells':
    case 'narrative':
      if (!rest) throw new StoreError(`missing id in ${c.path}`);
      if (value === undefined) delete out[head][rest];
      else out[head][rest] = value;
      break;
    default:
      throw new StoreError(`unknown change path ${c.path}`);
  }
  return out;
}

/** Returns a new draft with the change applied; throws StoreError on an unknown path. */
export function applyChange(d: Draft, c: Change): Draft {
  return mutateDraft(cloneDraft(d), c);
}

export function applyChanges(d: Draft, changes: readonly Change[], at: string): Draft {
  return applyChangesTo(cloneDraft(d), changes, at);
}

/** Applies the changes to `out` itself: for a document no one else holds (one just parsed from its JSON). */
export function applyChangesTo(out: Draft, changes: readonly Change[], at: string): Draft {
  for (const c of changes) mutateDraft(out, c);
  out.updatedAt = at;
  return out;
}

/** The value a change path currently has in a draft (for history display and diffs). */
export function valueAt(d: Draft, path: string): string | undefined {
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  const rest = dot < 0 ? '' : path.slice(dot + 1);
  switch (head) {
    case 'year': return String(d.year);
    case 'format': return d.format;
    case 'agency': return (d.agency as unknown as Record<string, string | undefined>)[rest];
    case 'cells': return d.cells[rest];
    case 'narrative': return d.narrative[rest];
    case 'signature': return rest === 'agency' || rest === 'date' ? d.signature?.[rest] : undefined;
    default: return undefined;
  }
}

/** Every change that turns `from` into `to` (used when a clerk uploads a whole draft). */
export function diffDrafts(from: Draft, to: Draft): Change[] {
  const out: Change[] = [];
  const paths = new Set<string>(['year', 'format', 'signature.agency', 'signature.date']);
  for (const k of AGENCY_FIELDS) paths.add(`agency.${k}`);
  for (const d of [from, to]) {
    for (const k of Object.keys(d.cells)) paths.add(`cells.${k}`);
    for (const k of Object.keys(d.narrative)) paths.add(`narrative.${k}`);
  }
  for (const p of paths) {
    const a = valueAt(from, p), b = valueAt(to, p);
    if (a !== b) out.push({ path: p, value: b ?? null });
  }
  return out;
}

export function isDraftLike(d: unknown): d is Draft {
  return typeof d === 'object' && d !== null && (d as Draft).schema === DRAFT_SCHEMA_ID;
}
