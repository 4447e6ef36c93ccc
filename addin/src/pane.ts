/** The task pane: year/agency, 「插入标准表格」, live findings, 「导入上年报告」, 「导出」. */
import { FIRST_SUPPORTED_YEAR, formatIdForYear } from '../../shared/formats/index.js';
import { draftFromSheet, fileName, htmlDocument, tablesHtml } from './export.js';
import { insertStandardSheet } from './layout-writer.js';
import type { Importer } from './importer.js';
import type { ExcelHost } from './office-types.js';
import { findNianbaoSheets, PasswordProtectedError, SheetSession, type SheetInfo } from './session.js';
import { SHAPE_TEXTS } from '../../shared/layout.js';
import { PANE_TEXTS as T } from './texts.js';
import { showFindings, type FindingsView } from './view.js';

const $ = <E extends HTMLElement>(doc: Document, id: string) => {
  const e = doc.getElementById(id);
  if (!e) throw new Error(`task pane markup lacks #${id}`);
  return e as E;
};

export interface Pane {
  /** The session whose findings the pane shows. */
  session(): SheetSession | undefined;
  /** Every 年报 sheet of the workbook, each checked on its own. */
  sessions(): SheetSession[];
  ready: Promise<void>;
}

export interface PaneOptions {
  now?: Date;
  /** How the importer is obtained; default: load importer.js next to the pane. */
  importer?: () => Promise<Importer>;
  /** Called when the workbook is found to hold, or now holds, 年报 sheets (boot asks Office to load the add-in with it). */
  onSheets?: (count: number) => void;
}

export function startPane(host: ExcelHost, doc: Document, options: PaneOptions = {}): Pane {
  const now = options.now ?? new Date();
  const getImporter = options.importer ?? (() => loadImporter(doc));
  const year = $<HTMLSelectElement>(doc, 'year');
  const agency = $<HTMLInputElement>(doc, 'agency');
  const formatNote = $(doc, 'format-note');
  const status = $(doc, 'status');
  const insert = $<HTMLButtonElement>(doc, 'insert');
  const picker = $<HTMLSelectElement>(doc, 'sheet');
  const pickerLabel = $(doc, 'sheet-picker');
  const shape = $(doc, 'shape');
  const shapeText = $(doc, 'shape-text');
  const repair = $<HTMLButtonElement>(doc, 'repair');
  const view: FindingsView = { list: $(doc, 'findings'), badge: $(doc, 'badge'), summary: $(doc, 'summary'), onSelect: (id) => void current?.select(id) };
  const sessions: SheetSession[] = [];
  let current: SheetSession | undefined;

  const say = (text: string, kind: 'info' | 'error' = 'info') => { status.textContent = text; status.className = `status ${kind}`; };
  const fail = (e: unknown) => say(e instanceof PasswordProtectedError ? e.message : T.failed(e instanceof Error ? e.message : String(e)), 'error');

  const option = (label: string, value: string) => Object.assign(doc.createElement('option'), { text: label, value });
  for (let y = now.getFullYear(); y >= FIRST_SUPPORTED_YEAR; y--) year.add(option(`${y} 年度`, String(y)));
  year.value = String(now.getFullYear() - 1);
  const showFormat = () => {
    const f = formatIdForYear(Number(year.value));
    formatNote.textContent = f ? T.format(f) : T.unsupportedYear(Number(year.value));
    insert.disabled = !f;
  };
  year.addEventListener('change', showFormat);
  showFormat();

  /** The picker lists every sheet with its error count; it shows only when there is a choice. */
  const showPicker = () => {
    picker.replaceChildren(...sessions.map((s) => {
      const errors = s.last ? s.last.findings.filter((f) => f.severity === 'error').length : undefined;
      const o = option(T.sheetOption(s.sheet.name, errors), s.sheet.key);
      o.selected = s === current;
      return o;
    }));
    pickerLabel.hidden = sessions.length < 2;
  };

  /** Findings, badge and the shape warning of the current session (the shape is said once, until it changes). */
  const show = (s: SheetSession) => {
    showPicker();
    if (s !== current || !s.last) return;
    const r = s.last;
    showFindings(view, r.layout, r.findings, r.evalMs, sessions.length > 1 ? T.belongsTo(s.sheet.name) : undefined);
    const broken = r.layout.problems.length > 0;
    const text = broken ? [SHAPE_TEXTS.changed(s.sheet.name, r.layout.problems), r.layout.lost.length ? SHAPE_TEXTS.lost(r.layout.lost.length) : '', SHAPE_TEXTS.advice].filter(Boolean).join('') : '';
    if (shapeText.textContent !== text) shapeText.textContent = text;
    shape.hidden = !broken;
  };

  const pick = (s: SheetSession) => {
    current = s;
    year.value = String(s.sheet.year);
    agency.value = s.sheet.agency;
    showFormat();
    show(s);
  };

  async function use(info: SheetInfo, makeCurrent: boolean): Promise<SheetSession> {
    const s = new SheetSession(host, info);
    sessions.push(s);
    if (makeCurrent || !current) current = s;
    // Each sheet is its own report; an edit on a sheet brings its findings forward.
    s.onEdit = () => { if (current !== s) pick(s); };
    s.onResult = () => show(s);
    s.onError = (e) => { if (current === s) fail(e); };
    s.onNotice = (text) => say(text, 'error');
    await s.attach();
    await s.schedule();
    options.onSheets?.(sessions.length);
    return s;
  }

  picker.addEventListener('change', () => {
    const s = sessions.find((x) => x.sheet.key === picker.value);
    if (s) pick(s);
  });

  repair.addEventListener('click', () => void (async () => {
    const s = current;
    if (!s) return;
    repair.disabled = true;
    say(T.repairing);
    try {
      const { restored, lost } = await s.repair();
      say(T.repaired(restored, lost));
    } catch (e) {
      fail(e);
    } finally {
      repair.disabled = false;
    }
  })());

  insert.addEventListener('click', () => void (async () => {
    const y = Number(year.value), format = formatIdForYear(y);
    if (!format) return;
    insert.disabled = true;
    say(T.inserting);
    try {
      const { plan, id, key } = await insertStandardSheet(host, { format, year: y, agency: agency.value.trim() });
      const s = await use({ id, name: plan.sheetName, format, year: y, agency: agency.value.trim(), key }, true);
      pick(s);
      say(T.inserted(plan.sheetName));
    } catch (e) {
      fail(e);
    } finally {
      insert.disabled = false;
    }
  })());

  // 导入上年报告
  const importText = $<HTMLTextAreaElement>(doc, 'import-text');
  const importFile = $<HTMLInputElement>(doc, 'import-file');
  let opened: { name: string; bytes: Uint8Array } | undefined;
  importFile.addEventListener('change', () => void (async () => {
    const f = importFile.files?.[0];
    if (!f) return;
    opened = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    importText.value = /\.docx$/i.test(f.name) ? '' : await f.text();
    importText.placeholder = f.name;
  })());
  importText.addEventListener('input', () => { opened = undefined; });
  $(doc, 'import-go').addEventListener('click', () => void (async () => {
    const s = current;
    if (!s) return say(T.needSheet, 'error');
    try {
      const input = opened && /\.docx$/i.test(opened.name) ? opened : { text: importText.value, ...(opened ? { name: opened.name } : {}) };
      const previous = (await getImporter()).readPrevious(input);
      if (typeof previous === 'string') return say(T.importFailed(previous), 'error');
      const { filled, kept } = await s.usePrevious(previous);
      say(T.imported(previous.year, filled, kept));
    } catch (e) {
      fail(e);
    }
  })());

  // 导出
  const preview = $(doc, 'export-preview');
  const draft = () => {
    const s = current;
    if (!s?.last) { say(T.needSheet, 'error'); return undefined; }
    return { d: draftFromSheet(s.sheet, s.last.cells), s };
  };
  $(doc, 'export-json').addEventListener('click', () => {
    const x = draft();
    if (x) download(doc, fileName(x.d, 'json'), `${JSON.stringify(x.d, null, 2)}\n`, 'application/json');
  });
  $(doc, 'export-html').addEventListener('click', () => void (async () => {
    const x = draft();
    if (!x) return;
    const html = tablesHtml(x.d);
    preview.innerHTML = html;
    preview.hidden = false;
    try {
      await navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([preview.innerText], { type: 'text/plain' }),
      })]);
      say(T.copied);
    } catch {
      say(T.copyFailed);
    }
  })());
  $(doc, 'export-html-file').addEventListener('click', () => {
    const x = draft();
    if (x) download(doc, fileName(x.d, 'html'), htmlDocument(x.d, tablesHtml(x.d)), 'text/html');
  });

  const ready = (async () => {
    try {
      const sheets = await findNianbaoSheets(host);
      for (const info of sheets) await use(info, false);
      if (current) pick(current);
      if (sheets.length > 1) say(T.sheetsFound(sheets.length));
      else if (sheets[0]) say(current?.previous ? T.previousRestored(current.previous.year) : T.recognised(sheets[0].name, String(sheets[0].year)));
      else say(T.noSheet);
    } catch (e) {
      fail(e);
    }
  })();
  return { session: () => current, sessions: () => [...sessions], ready };
}

/** Loads dist/importer.js once (the schema library and the report importer live there, not in the pane bundle). */
let importerScript: Promise<Importer> | undefined;
export function loadImporter(doc: Document): Promise<Importer> {
  const existing = (globalThis as { nianbaoImporter?: Importer }).nianbaoImporter;
  if (existing) return Promise.resolve(existing);
  return (importerScript ??= new Promise<Importer>((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = 'importer.js';
    script.onload = () => {
      const loaded = (globalThis as { nianbaoImporter?: Importer }).nianbaoImporter;
      if (loaded) resolve(loaded);
      else reject(new Error('importer.js 未能加载'));
    };
    script.onerror = () => { importerScript = undefined; reject(new Error('importer.js 未能加载')); };
    doc.head.append(script);
  }));
}

function download(doc: Document, name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
