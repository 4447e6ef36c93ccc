/** Parts that the 2019 and 2021 formats print identically. */
import type { ColumnDef, HeaderCellDef, NarrativePartDef, RowDef, SectionDef, T4Def } from './types.js';

export const SECTIONS = [
  { id: 'overview', heading: '一、总体情况' },
  { id: 'proactive', heading: '二、主动公开政府信息情况' },
  { id: 'requests', heading: '三、收到和处理政府信息公开申请情况' },
  { id: 'review', heading: '四、政府信息公开行政复议、行政诉讼情况' },
  { id: 'problems', heading: '五、存在的主要问题及改进情况' },
  { id: 'other', heading: '六、其他需要报告的事项' },
] as const satisfies readonly SectionDef[];

export const T2_TITLE = SECTIONS[1].heading;
export const T2_CONTENT_HEADER = '信息内容';

export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const T3_COLUMNS = [
  { id: 'natural', label: '自然人' },
  { id: 'commercial', label: '商业企业' },
  { id: 'research', label: '科研机构' },
  { id: 'nonprofit', label: '社会公益组织' },
  { id: 'legal', label: '法律服务机构' },
  { id: 'other', label: '其他' },
  { id: 'total', label: '总计' },
] as const satisfies readonly ColumnDef[];

export const T3_HEADER = [
  [{ text: T3_NOTE, rowSpan: 3, colSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
  [{ column: 'natural', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { column: 'total', rowSpan: 2 }],
  [{ column: 'commercial' }, { column: 'research' }, { column: 'nonprofit' }, { column: 'legal' }, { column: 'other' }],
] as const satisfies readonly (readonly HeaderCellDef[])[];

const RESULTS = '三、本年度办理结果';
const DENIED = '（三）不予公开';
const UNABLE = '（四）无法提供';
const REJECTED = '（五）不予处理';
export const T3_OTHER_GROUP = '（六）其他处理';

export const T3_ROWS_BEFORE_OTHER = [
  { id: 'new', path: ['一、本年新收政府信息公开申请数量'] },
  { id: 'carried', path: ['二、上年结转政府信息公开申请数量'] },
  { id: 'granted', path: [RESULTS, '（一）予以公开'], outcome: true },
  { id: 'partial', path: [RESULTS, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'], outcome: true },
  { id: 'denied.secret', path: [RESULTS, DENIED, '1.属于国家秘密'], outcome: true },
  { id: 'denied.law', path: [RESULTS, DENIED, '2.其他法律行政法规禁止公开'], outcome: true },
  { id: 'denied.safety', path: [RESULTS, DENIED, '3.危及“三安全一稳定”'], outcome: true },
  { id: 'denied.third-party', path: [RESULTS, DENIED, '4.保护第三方合法权益'], outcome: true },
  { id: 'denied.internal', path: [RESULTS, DENIED, '5.属于三类内部事务信息'], outcome: true },
  { id: 'denied.process', path: [RESULTS, DENIED, '6.属于四类过程性信息'], outcome: true },
  { id: 'denied.enforcement', path: [RESULTS, DENIED, '7.属于行政执法案卷'], outcome: true },
  { id: 'denied.query', path: [RESULTS, DENIED, '8.属于行政查询事项'], outcome: true },
  { id: 'unable.none', path: [RESULTS, UNABLE, '1.本机关不掌握相关政府信息'], outcome: true },
  { id: 'unable.create', path: [RESULTS, UNABLE, '2.没有现成信息需要另行制作'], outcome: true },
  { id: 'unable.unclear', path: [RESULTS, UNABLE, '3.补正后申请内容仍不明确'], outcome: true },
  { id: 'rejected.petition', path: [RESULTS, REJECTED, '1.信访举报投诉类申请'], outcome: true },
  { id: 'rejected.repeat', path: [RESULTS, REJECTED, '2.重复申请'], outcome: true },
  { id: 'rejected.publication', path: [RESULTS, REJECTED, '3.要求提供公开出版物'], outcome: true },
  { id: 'rejected.excessive', path: [RESULTS, REJECTED, '4.无正当理由大量反复申请'], outcome: true },
  { id: 'rejected.confirm', path: [RESULTS, REJECTED, '5.要求行政机关确认或重新出具已获取信息'], outcome: true },
] as const satisfies readonly RowDef[];

export const T3_ROWS_AFTER_OTHER = [
  { id: 'total', path: [RESULTS, '（七）总计'] },
  { id: 'carry-forward', path: ['四、结转下年度继续办理'] },
] as const satisfies readonly RowDef[];

export const T3_RESULTS_GROUP = RESULTS;

const T4_COLUMNS = [
  { id: 'upheld', label: '结果维持' },
  { id: 'corrected', label: '结果纠正' },
  { id: 'other', label: '其他结果' },
  { id: 'pending', label: '尚未审结' },
  { id: 'total', label: '总计' },
] as const satisfies readonly ColumnDef[];

const t4SubHeader = (group: string, rowSpan?: number) =>
  T4_COLUMNS.map((c) => (rowSpan ? { column: c.id, group, rowSpan } : { column: c.id, group }));

export const T4 = {
  id: 't4',
  title: SECTIONS[3].heading,
  groups: [
    { id: 'review', label: '行政复议' },
    { id: 'suit-direct', label: '未经复议直接起诉' },
    { id: 'suit-after-review', label: '复议后起诉' },
  ],
  columns: T4_COLUMNS,
  header: [
    [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
    [...t4SubHeader('review', 2), { text: '未经复议直接起诉', colSpan: 5 }, { text: '复议后起诉', colSpan: 5 }],
    [...t4SubHeader('suit-direct'), ...t4SubHeader('suit-after-review')],
  ],
} as const satisfies T4Def;

export const NARRATIVE_PARTS = [
  {
    id: 'preamble', section: 'preamble', required: true,
    asks: '编制依据（《中华人民共和国政府信息公开条例》）、统计期限（本年1月1日至12月31日）、电子版所在网站、联系方式（地址、邮编、电话）。',
    example: '本报告根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在本机关门户网站下载。如对本报告有疑问，请与本机关联系（地址：××市××路1号，邮编：264200，电话：0631-1234567）。',
  },
  {
    // Most real reports open 一 with a lead paragraph before （一）; it has no heading of its own.
    id: 'overview.lead', section: 'overview', mayBeNone: true,
    asks: '一、总体情况的开篇段落：本年度政府信息公开工作的总体情况和主要做法，一两句话即可（不写开篇请回复「无」）。',
    example: '2024年，本机关深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，政府信息公开工作取得新成效。',
  },
  {
    id: 'overview.proactive', section: 'overview', heading: '（一）主动公开', required: true,
    asks: '本年主动公开了哪些信息、数量多少、通过哪些渠道公开。',
    example: '全年通过门户网站主动公开政府信息1200余条，其中政策文件35件、政策解读40篇，通过政务新媒体发布信息800条。',
  },
  {
    id: 'overview.requests', section: 'overview', heading: '（二）依申请公开', required: true,
    asks: '收到和办理政府信息公开申请的情况，数字须与表三一致。',
    example: '全年共收到政府信息公开申请7件，均在法定期限内答复，其中予以公开5件、部分公开2件。',
  },
  {
    id: 'overview.management', section: 'overview', heading: '（三）政府信息管理', required: true,
    asks: '公开前审查、规范性文件管理、公开属性认定等政府信息管理工作。',
    example: '严格执行“先审查、后公开”和“一事一审”制度，规范性文件实行统一登记、统一编号、统一发布。',
  },
  {
    id: 'overview.platform', section: 'overview', heading: '（四）政府信息公开平台建设', required: true,
    asks: '门户网站、政务新媒体、公开专栏等平台的建设和管理情况。',
    example: '优化门户网站政府信息公开专栏，新增“重点领域信息公开”栏目；政务新媒体账号2个，全年无违规情况。',
  },
  {
    id: 'overview.oversight', section: 'overview', heading: '（五）监督保障', required: true,
    asks: '培训、考核评议、责任追究等监督保障措施。',
    example: '组织政务公开业务培训2次，将政务公开纳入年度绩效考核，全年未发生责任追究事项。',
  },
  {
    id: 'overview.assessment', section: 'overview', heading: '（六）工作考核、社会评议和责任追究结果情况', level: 'government', required: true,
    asks: '政府信息公开工作考核、社会评议和责任追究的结果（政府层级的年报须写）。',
    example: '将政务公开工作纳入全区高质量发展综合绩效考核，组织社会评议1次，满意率98%；全年未发生责任追究情况。',
  },
  {
    id: 'problems.issues', section: 'problems', required: true,
    asks: '本年政府信息公开工作存在的主要问题，要具体，不写套话。',
    example: '一是政策解读形式较为单一，图解、视频解读占比不足20%；二是部分栏目更新不及时。',
  },
  {
    id: 'problems.measures', section: 'problems', required: true,
    asks: '改进措施，以及上一年度报告所列问题的整改情况。',
    example: '针对上年“栏目更新不及时”问题，已建立周检查制度，全年整改栏目12个；下一步将增加图解、视频等解读形式。',
  },
  {
    id: 'other.fees', section: 'other',
    asks: '依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：收取的金额，或「未收取」。',
    example: '本年度未收取信息处理费。',
  },
  {
    id: 'other.proposals', section: 'other', mayBeNone: true,
    asks: '人大代表建议和政协提案办理结果公开情况（如本地要求报告）。',
    example: '全年承办人大代表建议12件、政协提案8件，办理结果均已按规定公开。',
  },
  {
    id: 'other.misc', section: 'other', mayBeNone: true,
    asks: '其他需要报告的事项，没有则写「无」。',
    example: '无。',
  },
] as const satisfies readonly NarrativePartDef[];
