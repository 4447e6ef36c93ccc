/** The findings list and the error badge of the pane (plain DOM). */
import { RULES, summarize, type Finding } from '../../shared/rules/catalogue.js';
import type { SheetPlan } from '../../shared/layout.js';
import { PANE_TEXTS } from './texts.js';

const SEVERITY_TEXT = { error: '错误', warning: '提醒', info: '提示' } as const;
const RANK = { error: 0, warning: 1, info: 2 } as const;

export interface FindingsView {
  list: HTMLElement;
  badge: HTMLElement;
  summary: HTMLElement;
  onSelect: (cellId: string) => void;
}

function item(doc: Document, severity: keyof typeof SEVERITY_TEXT, message: string, meta: string, cellId: string | undefined, v: FindingsView): HTMLLIElement {
  const li = doc.createElement('li');
  li.className = `finding ${severity}`;
  const sev = doc.createElement('span');
  sev.className = 'sev';
  sev.textContent = SEVERITY_TEXT[severity];
  const msg = doc.createElement('span');
  msg.className = 'msg';
  msg.textContent = message;
  const m = doc.createElement('span');
  m.className = 'meta';
  m.textContent = meta;
  li.append(sev, msg, m);
  if (cellId) {
    li.dataset.cell = cellId;
    li.tabIndex = 0;
    li.title = '点击选中该单元格';
    const go = () => v.onSelect(cellId);
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') go(); });
  }
  return li;
}

export function showFindings(v: FindingsView, plan: Pick<SheetPlan, 'addressOf'>, findings: readonly Finding[], evalMs?: number, owner?: string): void {
  const doc = v.list.ownerDocument;
  const { errors, warnings } = summarize(findings);
  v.badge.textContent = String(errors);
  v.badge.className = `badge ${errors ? 'has-errors' : 'clean'}`;
  v.badge.title = PANE_TEXTS.errors(errors);
  v.badge.setAttribute('aria-label', PANE_TEXTS.badgeLabel(errors));
  const blanks = findings.filter((f) => f.rule === 'cell.blank');
  const shown = findings.filter((f) => f.rule !== 'cell.blank').sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  v.summary.textContent = [owner ?? '', PANE_TEXTS.errors(errors), PANE_TEXTS.warnings(warnings), evalMs !== undefined ? PANE_TEXTS.checkedAt(evalMs) : '']
    .filter(Boolean).join(' · ');
  const items: HTMLLIElement[] = shown.map((f) => {
    const id = f.cells[0];
    const address = id ? plan.addressOf[id] : undefined;
    const meta = `${PANE_TEXTS.rule} ${f.rule}（${RULES[f.rule].title}）${address ? ` · ${PANE_TEXTS.cell} ${address}` : ''}`;
    return item(doc, f.severity, f.message, meta, address ? id : undefined, v);
  });
  if (blanks.length) {
    const first = blanks[0]!.cells[0];
    const addresses = blanks.slice(0, 8).map((f) => plan.addressOf[f.cells[0]!]).filter(Boolean).join('、');
    items.push(item(doc, 'warning', PANE_TEXTS.blanks(blanks.length), `${PANE_TEXTS.rule} cell.blank · ${PANE_TEXTS.cell} ${addresses}${blanks.length > 8 ? ' …' : ''}`, first, v));
  }
  if (!items.length) {
    const li = doc.createElement('li');
    li.className = 'finding none';
    li.textContent = PANE_TEXTS.noFindings;
    items.push(li);
  }
  v.list.replaceChildren(...items);
}
