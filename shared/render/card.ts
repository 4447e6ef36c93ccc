/**
 * The report as an Adaptive Card (schema 1.4, as Teams renders it): headings and paragraphs as TextBlocks, the tables
 * as ColumnSets (one per row, the row label then its figures). Teams draws Markdown messages roughly (no tables, lost
 * line breaks), so the bot's 预览 goes out as this card there. Card text is plain: TextBlock Markdown is a subset in
 * which clerk text is escaped by the one escaper. A card has a size limit (about 28 KB in Teams): long parts are
 * clipped with a note, and t3 shows its rows with a figure (the rows of zeros are counted).
 */
import type { Draft } from '../draft.js';
import { catalogue } from '../formats/index.js';
import { escapeMarkdown } from './escape.js';
import { DRAFT_MARK, reportModel, UNANSWERED, type ReportOptions, type ReportPart } from './model.js';

export interface CardOptions extends ReportOptions {
  /** Buttons under the card (Action.Submit with `{ choice }`), e.g. 「生成草稿」. */
  readonly actions?: readonly { title: string; choice: string }[];
  /** Most characters of one part's text in the card (the rest is in the .docx). */
  readonly partChars?: number;
}

type Element = Record<string, unknown>;

const text = (t: string, extra: Element = {}): Element => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

function partBlocks(p: ReportPart, max: number): Element[] {
  const out: Element[] = [];
  if (p.heading) out.push(text(p.heading, { weight: 'Bolder', spacing: 'Medium' }));
  if (!p.paragraphs.length) return [...out, text(UNANSWERED, { color: 'Attention', isSubtle: true })];
  let left = max;
  for (const para of p.paragraphs) {
    if (left <= 0) {
      out.push(text('……（下略，全文见 Word 文档）', { isSubtle: true }));
      break;
    }
    const shown = para.length > left ? `${para.slice(0, left)}……` : para;
    left -= para.length;
    out.push(text(escapeMarkdown(shown), { spacing: 'Small' }));
  }
  return out;
}

/** One table row as a ColumnSet: the label (wider), then the figures. */
function rowSet(label: string, values: readonly string[], header = false): Element {
  return {
    type: 'ColumnSet', spacing: 'None', separator: true,
    columns: [
      { type: 'Column', width: 4, items: [text(escapeMarkdown(label), { size: 'Small', ...(header ? { weight: 'Bolder' } : {}) })] },
      ...values.map((v) => ({
        type: 'Column', width: 1,
        items: [text(escapeMarkdown(v), { size: 'Small', horizontalAlignment: 'Center', ...(header ? { weight: 'Bolder' } : {}) })],
      })),
    ],
  };
}

/** A table of the draft as ColumnSets: t2 block by block, t3 its rows with a figure, t4 one row per group. */
function tableBlocks(draft: Draft, table: 't2' | 't3' | 't4', format: Parameters<typeof catalogue>[0]): Element[] {
  const rows = catalogue(format).rows.filter((r) => r.table === table);
  const value = (id: string) => draft.cells[id]?.trim() ?? '';
  const out: Element[] = [];
  if (table === 't2') {
    let block: string | undefined;
    for (const r of rows) {
      const caption = r.cells[0]!.block!;
      if (caption !== block) {
        block = caption;
        out.push(text(caption, { weight: 'Bolder', size: 'Small', spacing: 'Medium' }), rowSet('信息内容', r.cells.map((c) => c.columnLabel), true));
      }
      out.push(rowSet(r.label, r.cells.map((c) => value(c.id))));
    }
    return out;
  }
  out.push(rowSet(table === 't3' ? '申请人情况' : '类别', rows[0]!.cells.map((c) => c.columnLabel), true));
  let zeros = 0;
  for (const r of rows) {
    const vs = r.cells.map((c) => value(c.id));
    if (table === 't3' && vs.every((v) => v === '0') && r.id !== 'total') {
      zeros++;
      continue;
    }
    out.push(rowSet(r.label, vs));
  }
  if (zeros) out.push(text(`其余 ${zeros} 行均为 0`, { size: 'Small', isSubtle: true }));
  return out;
}

/** Teams refuses a card over about 28 KB: parts are clipped harder until the card fits. */
const MAX_CARD_BYTES = 26_000;

/** The report (or a draft of it) as an Adaptive Card attachment's `content`. */
export function renderReportCard(draft: Draft, options: CardOptions = {}): Element {
  let card = buildCard(draft, options, options.partChars ?? 600);
  for (let max = 300; max >= 40 && new TextEncoder().encode(JSON.stringify(card)).length > MAX_CARD_BYTES; max = Math.floor(max / 2)) {
    card = buildCard(draft, options, max);
  }
  return card;
}

function buildCard(draft: Draft, options: CardOptions, max: number): Element {
  const m = reportModel(draft, options);
  const body: Element[] = [];
  if (m.draft) body.push(text(DRAFT_MARK, { color: 'Attention', weight: 'Bolder', horizontalAlignment: 'Center' }));
  body.push(text(escapeMarkdown(m.title), { size: 'Large', weight: 'Bolder', horizontalAlignment: 'Center' }));
  body.push(...partBlocks(m.preamble, max));
  for (const s of m.sections) {
    body.push(text(s.heading, { weight: 'Bolder', size: 'Medium', spacing: 'Large' }));
    if (s.kind === 'table') body.push(...tableBlocks(draft, s.table, m.format));
    else for (const p of s.parts) body.push(...partBlocks(p, max));
  }
  body.push(text(escapeMarkdown(m.signature.agency), { horizontalAlignment: 'Right', spacing: 'Large' }));
  if (m.signature.date) body.push(text(m.signature.date, { horizontalAlignment: 'Right', spacing: 'None' }));
  if (m.draft) body.push(text(DRAFT_MARK, { color: 'Attention', weight: 'Bolder', horizontalAlignment: 'Center' }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    ...(options.actions?.length ? { actions: options.actions.map((a) => ({ type: 'Action.Submit', title: a.title, data: { choice: a.choice } })) } : {}),
  };
}
