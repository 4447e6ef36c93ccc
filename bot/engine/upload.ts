/** A draft sent as a file: draft JSON, or a workbook from the template or the add-in (.xlsx). */
import { checkDraft, draftFormat, emptyDraft, parseDraftJson, summarize, type Draft } from '../../shared/index.js';
import { diffDrafts } from '../store/index.js';
import { mayUse } from './access.js';
import { ask, firstOpen, list } from './flow.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';
import type { TurnInput } from './types.js';

type Attachment = NonNullable<TurnInput['attachments']>[number];

async function readAttachment(a: Attachment): Promise<{ draft: Draft } | { errors: string[] }> {
  const name = a.name.toLowerCase();
  if (name.endsWith('.json') || a.contentType.includes('json')) {
    const r = parseDraftJson(new TextDecoder('utf-8').decode(a.bytes));
    return r.ok ? { draft: r.draft } : { errors: r.errors.map((e) => `${e.path}：${e.message}`) };
  }
  if (name.endsWith('.xlsx') || a.contentType.includes('spreadsheetml')) {
    try {
      const { readWorkbook } = await import('../../shared/xlsx/read-workbook.js');
      // Typed values only: a blank cell in the upload must not erase an answer the clerk gave here.
      return { draft: readWorkbook(a.bytes).draft };
    } catch (e) {
      return { errors: [(e as Error).message || T.uploadXlsxUnavailable] };
    }
  }
  return { errors: [T.uploadUnknown(a.name)] };
}

/**
 * Takes the first readable attachment: the conversation's draft when the file is of its agency and year, else the
 * clerk's own (or shared) draft of that agency and year, else a new one — never someone else's.
 */
export async function upload(t: Turn, attachments: readonly Attachment[]): Promise<void> {
  const a = attachments[0]!;
  const r = await readAttachment(a);
  if ('errors' in r) {
    t.say(r.errors.length === 1 && r.errors[0]!.startsWith('不认识') ? r.errors[0]! : T.uploadBad(r.errors));
    return t.draft ? ask(t) : undefined;
  }
  const up = r.draft;
  if (!draftFormat(up)) {
    t.say(T.uploadBad([T.yearOld(up.year)]));
    return t.draft ? ask(t) : undefined;
  }
  const same = t.draft && t.draft.agency.name === up.agency.name && t.draft.year === up.year;
  if (!same) {
    const drafts = up.agency.name ? await t.store.findDrafts(up.agency.name, up.year) : [];
    const existing = drafts.find((d) => mayUse(d, t.actor));
    const loaded = existing && (await t.store.loadDraft(existing.draftId));
    if (t.draft) t.say(T.uploadOtherYear(up.agency.name || '（未写单位名称）', up.year));
    if (!existing && drafts.length) t.say(T.othersDraft);
    if (loaded && existing) {
      t.draft = loaded.draft;
      t.state.draftId = existing.draftId;
    } else {
      const fresh = emptyDraft(up.year, up.agency.name, up.agency.level ?? 'department');
      fresh.updatedAt = t.now.toISOString();
      t.create = fresh;
      t.draft = fresh;
      t.state.draftId = t.newId();
    }
    t.state.start = { agency: up.agency.name, year: up.year, level: up.agency.level ?? 'department' };
  }
  // every value of the file becomes an answer (with history), values the file lacks are kept
  const merged: Draft = {
    ...t.draft!, agency: { ...t.draft!.agency, ...up.agency }, cells: { ...t.draft!.cells, ...up.cells },
    narrative: { ...t.draft!.narrative, ...up.narrative },
    ...(up.signature ? { signature: { ...t.draft!.signature, ...up.signature } } : {}),
  };
  for (const c of diffDrafts(t.draft!, merged)) t.set(c.path, c.value === null ? null : String(c.value));
  t.state.gates = {};
  delete t.state.applicants;
  delete t.state.pending;
  delete t.state.returnTo;
  t.state.skipped = [];
  const sum = summarize(checkDraft(t.draft!));
  t.say(T.uploaded(Object.keys(up.cells).length, Object.keys(up.narrative).length, sum.errors, sum.warnings));
  t.state.current = firstOpen(t, list(t));
  await ask(t);
}
