/** The commands a clerk can send at any point: 帮助 上一题 跳过 修改 进度 预览 暂停 重新开始 完成 共享 历史. */
import { catalogue, checkDraft, FORMATS, summarize, type Finding, type TableId } from '../../shared/index.js';
import { partName } from '../../shared/narrative/index.js';
import { renderReportCard } from '../../shared/render/card.js';
import { isoToChinese, renderReportMarkdown } from '../../shared/render/report.js';
import { initialState } from './state.js';
import { ask, fmt, list, pathOf, questionName, TABLE_NAME } from './flow.js';
import { isAnswered, lacking, type Question } from './questions.js';
import { isComputed, sumDefs } from './tables.js';
import { share } from './share.js';
import { showHistory } from './history.js';
import type { Choice } from './types.js';
import { askStart } from './start.js';
import { T } from './texts.js';
import type { Turn } from './turn.js';

export type CommandName = 'help' | 'back' | 'skip' | 'edit' | 'progress' | 'preview' | 'draft' | 'pause' | 'restart' | 'finish' | 'share' | 'history';

const WORDS: [RegExp, CommandName][] = [
  [/^(帮助|help|\?|？|怎么用)$/iu, 'help'],
  [/^(上一题|上一步|返回上一题|返回)$/u, 'back'],
  [/^(跳过|跳过此题|下一题)$/u, 'skip'],
  // before 修改: 「修改记录」 is the history, not 修改 of 「记录」
  // one short line: an answer that merely starts with 「历史」 is not the command
  [/^(历史|历史记录|修改记录|填写记录)(?:[ \t\u3000]+[^\n]{1,60})?$/u, 'history'],
  [/^(修改|更改|改)(\s+|$)/u, 'edit'],
  [/^修改\S/u, 'edit'],
  [/^(进度|查看进度)$/u, 'progress'],
  [/^(预览|预览报告)$/u, 'preview'],
  [/^(生成草稿|草稿|导出草稿|下载草稿)$/u, 'draft'],
  [/^(暂停|稍后继续)$/u, 'pause'],
  [/^(重新开始|从头开始)$/u, 'restart'],
  [/^(完成|生成报告|导出)$/u, 'finish'],
  [/^(共享|分享|共享草稿)$/u, 'share'],
  // 「共享 @张三」: the mention itself arrives with the message (Teams strips it from the text)
  [/^(共享|分享|共享草稿)\s*[@＠]/u, 'share'],
];

/** The argument after a command word: 修改 <部分>, 历史 <部分>, 共享 @<同事>. */
const ARG: Partial<Record<CommandName, RegExp>> = {
  edit: /^(修改|更改|改)\s*/u,
  history: /^(历史|历史记录|修改记录|填写记录)\s*/u,
  share: /^(共享|分享|共享草稿)\s*/u,
};

export function parseCommand(text: string): { name: CommandName; arg: string } | undefined {
  const s = text.trim().replace(/^[「“"]|[」”"]$/gu, '');
  for (const [re, name] of WORDS) {
    if (re.test(s)) return { name, arg: ARG[name] ? s.replace(ARG[name], '').trim() : '' };
  }
  return undefined;
}

const META_WORDS: [RegExp, string][] = [
  [/^(单位|单位名称|名称|机关名称)$/u, 'agency.name'],
  [/^(年度|年份|报告年度)$/u, 'year'],
  [/^(层级|级别)$/u, 'agency.level'],
  [/^(地址|联系地址)$/u, 'agency.address'],
  [/^(邮编|邮政编码)$/u, 'agency.postcode'],
  [/^(电话|联系电话)$/u, 'agency.phone'],
  [/^(前言|开头|导语)$/u, 'preamble'],
  [/^(落款|落款日期|日期|成文日期)$/u, 'signature'],
  [/^(表二|表2)$/u, 'gate.t2.rules'],
  [/^(表三|表3)$/u, 'gate.t3'],
  [/^(表四|表4)$/u, 'gate.t4'],
];

/** Questions a 修改 argument names: an id, a meta word, a part or cell name. */
export function resolve(t: Turn, arg: string): Question[] {
  const qs = list(t);
  const id = arg.replace(/^(cells|narrative)\./u, '');
  const exact = qs.find((q) => q.id === id);
  if (exact) return [exact];
  for (const [re, target] of META_WORDS) if (re.test(arg)) return qs.filter((q) => q.id === target);
  // a cell hidden behind a gate answered 「没有」: go to that gate
  const gate = qs.find((q) => q.type === 'gate' && q.cells.includes(id));
  if (gate) return [gate];
  const format = fmt(t);
  const named = qs.filter((q) => q.type !== 'done' && q.type !== 'check' && questionName(q, format).includes(arg));
  return named;
}

function menu(t: Turn): void {
  const format = fmt(t);
  const qs = list(t);
  const sections = [
    qs.find((q) => q.id === 'agency.name')!, qs.find((q) => q.id.startsWith('gate.t2'))!, qs.find((q) => q.id === 'gate.t3')!,
    qs.find((q) => q.id === 'gate.t4')!, ...qs.filter((q) => q.type === 'narrative'),
  ];
  t.choose(T.editWhich, sections.map((q) => ({
    title: q.type === 'meta' ? '基本信息' : q.type === 'gate' ? (q.table === 't2' ? '表二' : q.table === 't3' ? '表三' : '表四') : questionName(q, format),
    value: `修改 ${q.id}`,
  })));
}

function listFindings(t: Turn, header: string, fs: readonly Finding[]): void {
  const lines = fs.slice(0, 12).map(T.findingLine);
  if (fs.length > 12) lines.push(T.moreFindings(fs.length - 12));
  t.say([header, ...lines].join('\n'));
}

/** The .docx name; a draft's says 「（草稿）」, and the download marks every page of such a file. */
export function fileName(t: Turn, draft = false): string {
  return `${t.draft!.agency.name}${t.draft!.year}年政府信息公开工作年度报告${draft ? '（草稿）' : ''}.docx`;
}

/** Buttons that open the cells an error names (its parts, not a computed total), at most eight. */
function cellButtons(t: Turn, fs: readonly Finding[]): Choice[] {
  const format = fmt(t);
  const out = new Map<string, string>();
  for (const f of fs) {
    for (const id of f.cells) {
      const def = catalogue(format).byId.get(id);
      if (!def || isComputed(format, id) || out.size >= 8) continue;
      out.set(id, T.checkFix(def.label));
    }
  }
  return [...out].map(([id, title]) => ({ title, value: `修改 ${id}` }));
}

/** 修改 of a computed total: what it is the sum of, and buttons for its parts. */
function explainTotal(t: Turn, id: string): boolean {
  const format = fmt(t);
  const def = catalogue(format).byId.get(id);
  if (!def || !isComputed(format, id)) return false;
  const parts = sumDefs(format).find((s) => s.total === id)!.parts;
  const buttons = parts.slice(0, 10).map((p) => ({ title: T.checkFix(catalogue(format).byId.get(p.ref)?.label ?? p.ref), value: `修改 ${p.ref}` }));
  t.choose(T.totalExplain(def.label), buttons);
  return true;
}

/** 进度: who and what at the top, then one line per table (what is still open) and per narrative section. */
function progress(t: Turn): void {
  const d = t.draft!;
  const s = t.state;
  const format = fmt(t);
  const qs = list(t);
  const lines = [T.progressHead(d.agency.name, d.year, format)];
  const meta = qs.filter((q) => q.type === 'meta' && !isAnswered(q, d, s)).map((q) => questionName(q, format));
  lines.push(meta.length ? `○ 基本信息：未填 ${meta.join('、')}` : '✓ 基本信息：已填');
  for (const table of ['t2', 't3', 't4'] as TableId[]) {
    const open = qs.filter((q) => (q.type === 'gate' || q.type === 'cell' || q.type === 'applicants') && q.section === TABLE_NAME[table] && !isAnswered(q, d, s));
    // name what is open by block (t2) or row (t3, t4), not by cell
    const names = [...new Set(open.map((q) => q.type === 'cell' ? (table === 't2' ? q.cell.block! : q.cell.rowLabel) : q.type === 'gate' ? q.subject : '申请人类型'))];
    const all = table === 't2' ? FORMATS[format].t2.blocks.length : catalogue(format).rows.filter((r) => r.table === table).length;
    lines.push(T.progressTable(TABLE_NAME[table], names, all));
  }
  for (const sec of FORMATS[format].sections) {
    const parts = qs.filter((q): q is Extract<Question, { type: 'narrative' }> => q.type === 'narrative' && q.part.section === sec.id);
    if (!parts.length) continue;
    const open = parts.filter((q) => !isAnswered(q, d, s));
    lines.push(T.progressSection(sec.heading, parts.length - open.length, parts.length, open.map((q) => q.part.heading ?? partName(q.id, format).replace(sec.heading, '') ?? q.id)));
  }
  const pre = qs.find((q) => q.id === 'preamble');
  if (pre && !isAnswered(pre, d, s)) lines.splice(2, 0, '○ 前言：未填');
  lines.push(T.progressSignature(d.signature?.date ? `${d.signature.agency ?? d.agency.name} ${isoToChinese(d.signature.date)}` : undefined));
  const skipped = qs.filter((q) => s.skipped.includes(q.id)).map((q) => questionName(q, format));
  if (skipped.length) lines.push(T.progressSkipped(skipped));
  const cur = qs.find((q) => q.id === s.current);
  if (cur) lines.push(T.progressCurrent(questionName(cur, format)));
  t.say(T.progress(lines));
}

export async function runCommand(t: Turn, name: CommandName, arg: string): Promise<void> {
  const s = t.state;
  if (name === 'help') {
    t.say(T.help);
    return t.draft ? ask(t) : askStart(t);
  }
  if (name === 'restart') {
    s.confirm = 'restart';
    return t.choose(T.restartConfirm, [{ title: T.restartYes, value: 'restart-yes' }, { title: T.restartNo, value: 'restart-no' }]);
  }
  if (name === 'share') return share(t, arg);
  if (name === 'pause') {
    s.paused = true;
    return t.say(T.paused);
  }
  if (!t.draft) {
    if (name === 'back' && s.current !== 'agency.name') {
      s.current = s.current === 'year' ? 'agency.name' : s.current === 'agency.level' ? 'year' : 'agency.level';
      t.say(T.back);
      return askStart(t);
    }
    t.say(name === 'skip' ? T.skipNotAllowed : T.notStarted);
    return askStart(t);
  }
  const qs = list(t);
  const format = fmt(t);
  switch (name) {
    case 'back': {
      const i = qs.findIndex((q) => q.id === s.current);
      const prev = qs.slice(0, Math.max(0, i)).reverse().find((q) => q.type !== 'check');
      if (!prev) {
        t.say(T.firstQuestion);
        return ask(t);
      }
      delete s.pending;
      s.current = prev.id;
      t.say(T.back);
      return ask(t, { showCurrent: true });
    }
    case 'skip': {
      const q = qs.find((x) => x.id === s.current);
      if (!q || q.type === 'done' || (q.type === 'meta' && ['agency.name', 'year', 'agency.level'].includes(q.id))) {
        t.say(T.skipNotAllowed);
        return ask(t);
      }
      delete s.pending;
      if (!s.skipped.includes(q.id) && !isAnswered(q, t.draft, s)) s.skipped.push(q.id);
      if (q.type === 'check') s.accepted.push(q.id);
      t.say(T.skipped);
      const i = qs.findIndex((x) => x.id === q.id);
      const next = qs.slice(i + 1).find((x) => !isAnswered(x, t.draft!, s) && !s.skipped.includes(x.id)) ?? qs.find((x) => x.type === 'done')!;
      s.current = next.id;
      return ask(t);
    }
    case 'edit': {
      if (!arg) return menu(t);
      if (explainTotal(t, arg.replace(/^cells\./u, ''))) return;
      const found = resolve(t, arg);
      if (!found.length) {
        t.say(T.editUnknown(arg));
        return menu(t);
      }
      if (found.length > 1) {
        return t.choose(T.editMany(arg), found.slice(0, 10).map((q) => ({ title: questionName(q, format), value: `修改 ${q.id}` })));
      }
      const target = found[0]!;
      delete s.pending;
      if (s.current !== target.id && s.returnTo === undefined) s.returnTo = s.current;
      s.current = target.id;
      return ask(t, { showCurrent: !!pathOf(target) });
    }
    case 'history':
      return showHistory(t, arg, resolve);
    case 'progress':
      progress(t);
      return ask(t);
    case 'preview':
      // the one report renderer, which escapes what the clerk typed; marked 草稿 until the report is finished
      t.replies.push({
        type: 'preview', markdown: renderReportMarkdown(t.draft, { draft: !s.finished }),
        card: renderReportCard(t.draft, { draft: !s.finished, actions: [{ title: T.previewDocx, choice: s.finished ? '完成' : '生成草稿' }] }),
      });
      return ask(t);
    case 'draft':
      t.say(T.draftReady);
      t.replies.push({ type: 'download', draftId: s.draftId!, version: 0, fileName: fileName(t, true) });
      return ask(t);
    case 'finish': {
      // refused while errors remain or required parts are empty: both listed, with buttons to the cells and parts
      const missing = lacking(t.draft, s, qs);
      const findings = checkDraft(t.draft);
      const sum = summarize(findings);
      if (sum.errors || missing.length) {
        const errors = findings.filter((f) => f.severity === 'error');
        const lines = errors.slice(0, 12).map(T.findingLine);
        if (errors.length > 12) lines.push(T.moreFindings(errors.length - 12));
        const text = [
          ...(errors.length ? [T.finishRefused(sum.errors), ...lines] : []),
          ...(missing.length ? [T.finishMissing(missing.map((q) => questionName(q, format)))] : []),
        ].join('\n');
        const buttons = [...cellButtons(t, errors), ...missing.map((q) => ({ title: questionName(q, format), value: `修改 ${q.id}` }))];
        return t.choose(text, buttons.slice(0, 10));
      }
      // the 落款 is asked at the end, once everything else is there
      if (!t.draft.signature?.date) {
        s.current = 'signature';
        return ask(t);
      }
      const rest = findings.filter((f) => f.severity !== 'error');
      if (rest.length) listFindings(t, T.finishWarnings(rest.length), rest);
      t.say(T.finishOk);
      s.finished = true;
      t.status = 'finished';
      s.current = 'done';
      t.replies.push({ type: 'download', draftId: s.draftId!, version: 0, fileName: fileName(t) });
      return;
    }
  }
}

export function restart(t: Turn): void {
  t.state = initialState();
  t.draft = undefined;
}
