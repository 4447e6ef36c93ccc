/** The Chinese wording of every finding, apart from the checks (as zod keeps its texts in locale files). */
import type { CellValue } from './cells.js';
import type { ZipFailure } from './zip.js';

const num = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6));
const quote = (raw: string) => `“${raw.length > 20 ? raw.slice(0, 20) + '…' : raw}”`;

const ZIP_FAILURES: Record<ZipFailure, (ext: string) => string> = {
  'not-zip': (ext) => `不是有效的 ${ext} 文件`,
  corrupt: (ext) => `${ext} 文件已损坏，无法解压`,
  'too-large': (ext) => `${ext} 文件解压后过大，不像是正常的文档（可能是“压缩炸弹”），已拒绝读取`,
  'too-many-entries': (ext) => `${ext} 文件内的条目过多，不像是正常的文档，已拒绝读取`,
  unsupported: (ext) => `${ext} 文件已加密或使用了不支持的压缩方式`,
};
const ZIP_FAILURE_IDS = Object.keys(ZIP_FAILURES) as ZipFailure[];

export const MESSAGES = {
  sum: (target: string, expected: number, actual: number, describes: string) =>
    `${target} 应为 ${num(expected)}（＝${describes}），实为 ${num(actual)}`,
  atLeast: (target: string, expected: number, actual: number, describes: string) =>
    `${target} 为 ${num(actual)}，不应小于 ${num(expected)}${describes ? `（＝${describes}）` : ''}`,
  notCount: (label: string, v: CellValue) =>
    v.kind === 'number'
      ? `${label} 填写 ${quote(v.raw)}，件数应为不小于 0 的整数${v.notes.includes('unsafe-integer') ? '（数值过大，无法精确计算）' : ''}`
      : `${label} 填写 ${quote(v.raw)}，不是数字；件数应为不小于 0 的整数`,
  notDelta: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，增减应为整数（可带“+”“-”号）`,
  notAmount: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，金额应为不小于 0 的数字`,
  blank: (label: string) => `${label} 为空，没有发生请填 0（空白不当作 0，相关合计未核对）`,
  blankRow: (row: string, columns: readonly string[]) =>
    `${row} 有 ${columns.length} 格为空（${columns.join('、')}），没有发生请填 0（空白不当作 0，相关合计未核对）`,
  na: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，不是数字；没有发生请填 0（相关合计未核对）`,
  unit: (label: string, v: CellValue) => `${label} 填写 ${quote(v.raw)}，单元格内不应写单位“${v.unit}”，只填数字`,
  itemsWithoutDecisions: (row: string, delta: number) => `${row} 本年增加 ${num(delta)} 项，但处理决定数量为 0，请核实`,
  procurementWithoutAmount: (count: number) => `政府集中采购 采购项目数量为 ${num(count)}，但采购总金额为 0 或空，请核实`,
  unsupportedYear: (year: number) => `报告年度 ${year} 年早于 2019 年，适用旧版年报格式，本工具不支持`,
  yearMismatch: (year: number, expected: string, actual: string) =>
    `${year} 年度报告应使用 ${expected} 年版格式，但表格按 ${actual} 年版填写`,
  mixedCells: (format: string, ids: readonly string[]) =>
    `按 ${format} 年版格式填写的报告中出现了另一版格式的单元格：${ids.slice(0, 5).join('、')}${ids.length > 5 ? ' 等' : ''}`,
  missingTable: (title: string) => `缺少表格“${title}”`,
  missingRow: (table: string, row: string) => `${table} 缺少“${row}”一行`,
  rowShape: (row: string, expected: number, actual: number) => `“${row}”一行应有 ${expected} 个数字，实有 ${actual} 个`,
} as const;

/**
 * Wording of the narrative checks (shared/narrative): parts named as a reader knows them, quotes kept short.
 * Section headings come from the format data; here only what qualifies a part of a section.
 */
const PART_QUALIFIERS: Readonly<Record<string, string>> = {
  'problems.issues': '存在的问题',
  'problems.measures': '改进情况',
  'other.fees': '信息处理费',
  'other.proposals': '建议提案办理',
  'other.misc': '',
};
/** 「五、存在的主要问题及改进情况」 → 「存在的主要问题及改进情况」 */
const unnumbered = (heading: string) => heading.replace(/^[一二三四五六七八九十]+、/u, '');

export const NARRATIVE_MESSAGES = {
  /** 「一、总体情况（二）依申请公开」 from the format's section heading and the part's own heading. */
  part: (id: string, sectionHeading?: string, partHeading?: string) => {
    if (id === 'preamble') return '报告开头说明';
    if (!sectionHeading) return id;
    const q = PART_QUALIFIERS[id];
    return q === undefined ? `${sectionHeading}${partHeading ?? ''}` : `${sectionHeading}${q ? `（${q}）` : ''}`;
  },
  figure: (part: string, quote: string, stated: number, describes: string, table: number) =>
    `${part}：正文称“${quote}”，即 ${num(stated)}；表格中${describes}为 ${num(table)}，两者不一致`,
  hints: {
    newPlusCarried: '本年新收与上年结转之和',
    newOnly: '本年新收申请数',
    'suit-direct': '未经复议直接起诉的总计',
    'suit-after-review': '复议后起诉的总计',
  } as Readonly<Record<string, string>>,
  figureHint: (stated: number, describes: string, parts: readonly number[]) =>
    `；${num(stated)} 恰为${describes}（${parts.map(num).join('＋')}），正文似按这一口径计算`,
  figureScope: (word: string) => `；正文写明“${word}”，所述范围可能比表格窄，请核实`,
  claimWithoutApplications: (part: string, quote: string) =>
    `${part}：表三本年新收和上年结转的申请均为 0 件，正文却称“${quote}”，与实际不符，疑为套话，请删改`,
  missingPart: (section: string, heading: string, asks: string) => `${section}缺少“${heading}”部分（格式要求写明：${asks}）`,
  feesMissing: (section: string) => `${section}未说明信息处理费收取情况：请写明按《政府信息公开信息处理费管理办法》收取的金额，或“未收取信息处理费”`,
  feesVague: (section: string, quote: string) => `${section}提到信息处理费（“${quote}”），但未写明收取金额或“未收取”`,
  problemsEmpty: (section: string) => `${section}没有内容：请写明具体问题和改进措施`,
  problemsNone: (section: string, text: string) => `${section}只写了“${text}”：格式要求写明${unnumbered(section)}`,
  problemsBoilerplate: (section: string, quote: string) =>
    `${section}没有指出具体问题（“${quote}”），只有套话：请写明存在的具体问题和改进措施`,
  problemsNoMeasures: (section: string) => `${section}只写了问题，没有写改进措施或上年问题的整改情况`,
  answerEmpty: (part: string) => `${part}还没有填写`,
  answerNone: (part: string) => `${part}不能只写“无”，格式要求写明具体情况`,
  answerShort: (part: string, length: number, min: number) => `${part}只有 ${length} 个字，过于简短（至少应有 ${min} 个字的具体内容）`,
  artifactMeta: (part: string, samples: readonly string[]) =>
    `${part}夹带了网页信息（${samples.map((s) => `“${s}”`).join('、')}），应删除`,
  artifactImage: (part: string, samples: readonly string[]) =>
    `${part}中有图片占位符（${samples.map((s) => `“${s}”`).join('、')}），原图未随文字复制，请补上内容或删除`,
  artifactPageNumber: (part: string, samples: readonly string[]) =>
    `${part}中夹有页码（${samples.map((s) => `“${s}”`).join('、')}），应删除`,
  artifactSplit: (part: string, samples: readonly string[]) =>
    `${part}中有被分页或空行断开的词句（${samples.map((s) => `“${s}”`).join('、')}），请接排`,
  contact: (missing: readonly string[]) => `报告未写明联系${missing.join('、')}（条例要求在开头写明联系方式）`,
  periodMissing: () => '报告未写明数据的统计期限（应为本年 1 月 1 日至 12 月 31 日）',
  periodWrong: (year: number, stated: string) => `报告年度为 ${year} 年，统计期限却写作“${stated}”（应为 ${year} 年 1 月 1 日至 ${year} 年 12 月 31 日）`,
  date: (year: number, stated: string) => `落款日期“${stated}”不在 ${year + 1} 年 1 月至 3 月（${year} 年度报告应在次年 1 月 31 日或 3 月 31 日前公布）`,
} as const;

/** Wording of the importer's findings (shared/import): what was read from a published report, and how. */
export const IMPORT_MESSAGES = {
  heading: (written: string, official: string) => `标题“${written}”与官方格式“${official}”不符`,
  headingMissing: (official: string) => `未找到标题“${official}”`,
  subHeadingNumbering: (written: string, official: string) => `小标题“${written}”的序号与官方格式“${official}”不符`,
  rowLabel: (table: string, written: string, official: string) =>
    `${table}的行标题“${written}”与官方格式“${official}”不符，已按“${official}”一行读取`,
  reconstructed: (table: string, rows: readonly string[]) =>
    `${table}的数字在文本中连成一串、没有分隔（网页抓取所致），已按表格的勾稽关系唯一拆分还原：${rows.slice(0, 4).map((r) => `“${r}”`).join('、')}${rows.length > 4 ? ` 等 ${rows.length} 行` : ''}；请与原件核对`,
  undecodable: (row: string, digits: string, expected: number, readings: readonly (readonly string[])[]) =>
    `“${row}”一行的数字“${digits.length > 30 ? `${digits.slice(0, 30)}…` : digits}”连在一起，应拆成 ${expected} 个数字，${
      readings.length > 1
        ? `有多种拆法都符合表格的勾稽关系（如 ${readings.slice(0, 3).map((r) => r.join(' | ')).join('；')}），无法确定`
        : readings.length === 1 ? '无法确定' : '没有一种拆法符合表格的勾稽关系'
    }，本行未读取，请按原件填写`,
  tooAmbiguous: (row: string, digits: string, expected: number) =>
    `“${row}”一行的数字“${digits.length > 30 ? `${digits.slice(0, 30)}…` : digits}”连在一起，应拆成 ${expected} 个数字，拆法过多无法确定，本行未读取，请按原件填写`,
  mixedLabels: (format: string, labels: readonly string[]) =>
    `按 ${format} 年版格式读取的报告中出现了另一版格式的表头或行标题：${labels.slice(0, 5).map((l) => `“${l}”`).join('、')}${labels.length > 5 ? ' 等' : ''}`,
  otherAsOneRow: (format: string, subRows: readonly string[]) =>
    `${format} 年版格式的“（六）其他处理”应分 ${subRows.length} 行填写（${subRows.map((r) => (r.length > 16 ? `${r.slice(0, 16)}…` : r)).join('、')}），报告却按 2019 年版写成一行`,
  extraRow: (table: string, format: string, label: string, values: readonly string[]) =>
    `${table}中的“${label.length > 24 ? `${label.slice(0, 24)}…` : label}”一行不是 ${format} 年版格式的行，其数字（${values.slice(0, 7).join('、')}${values.length > 7 ? '…' : ''}）未读取，前后各行照常读取`,
  unreadableTable: (title: string, why: string) => `找到了表格“${title}”，但未能读取其中的数字：${why}；请按原件填写`,
  unreadableWhy: {
    shapes: (rows: number, first: string) => `${rows} 行的数字个数与格式不符（如${first}）`,
    noNumbers: () => '表格中没有数字',
    noRows: (labels: readonly string[]) =>
      `表头找到了，但没有认出格式中的任何一行（${labels.length ? `行标题${labels.slice(0, 3).map((l) => `“${l.length > 16 ? `${l.slice(0, 16)}…` : l}”`).join('、')}${labels.length > 3 ? ' 等' : ''}不是格式中的行` : '行标题无法识别'}）`,
  },
  noYear: (assumed: number, format: string) =>
    `未能从标题、统计期限或“一、总体情况”中读出报告年度，按表格所用的 ${format} 年版格式暂按 ${assumed} 年处理，请核对并写明年度`,
  yearFrom: (source: string, year: number) => `报告标题未写明年度，已按${source}读作 ${year} 年`,
  yearGiven: (year: number) => `报告中未写明年度，按指定的 ${year} 年处理`,
  yearSources: { 'page-title': '网页标题', period: '统计期限', overview: '“一、总体情况”的首句', title: '标题', given: '指定的年度' } as Readonly<Record<string, string>>,
  noAgency: () => '未能从标题、首行、开头的说明或落款中读出机关名称，请填写',
  templateNote: (excerpt: string) => `正文中留有模板的编写说明（“${excerpt}”），发布前应删除`,
  noTitle: () => '未找到报告标题（应为“××× 20××年政府信息公开工作年度报告”）',
  unreadable: (what: string) => `无法读取文件：${what}`,
  /** Why a zip-based file (.docx, .xlsx) was not read (shared/zip.ts). */
  zipFailure: (ext: string, reason: ZipFailure) => ZIP_FAILURES[reason](ext),
  unreadableReasons: {
    ...Object.fromEntries(ZIP_FAILURE_IDS.map((r) => [r, ZIP_FAILURES[r]('.docx')])),
    'no-document': '.docx 文件中没有正文（word/document.xml）',
    binary: '文件不是文本、网页、PDF 或 Word 文档',
    scan: '这是扫描件，没有可读取的文字（请使用带文字层的 PDF，或先做文字识别）',
    encrypted: 'PDF 文件已加密（有打开密码），无法读取',
    'pdf-corrupt': 'PDF 文件已损坏或不是有效的 PDF',
    'pdf-timeout': 'PDF 文件读取超时，文件可能已损坏',
    'pdf-too-large': 'PDF 页数过多，不像是一份年度报告',
    'doc-corrupt': 'Word 97–2003 文档（.doc）已损坏，无法读取',
    'doc-unsupported': '此环境不能读取 Word 97–2003 文档（.doc），请另存为 .docx',
  } as Readonly<Record<string, string>>,
} as const;
