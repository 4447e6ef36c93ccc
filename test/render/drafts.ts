/**
 * Drafts made from two real published reports (../shared/fixtures): their table figures as the fixtures README
 * states them, their narrative copied from the report text. Used by the renderer and bot tests.
 */
import { fixtureText } from '../support/fixtures.js';
import { catalogue, type Draft } from '../../shared/index.js';

export { fixtureText };

/** Text between two markers of a fixture, page numbers and layout line breaks removed. */
function between(text: string, from: string, to: string): string {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a + from.length);
  if (a < 0 || b < 0) throw new Error(`markers ${from} … ${to} not in fixture`);
  return text.slice(a + from.length, b).replace(/^\s*-\d+-\s*$/gm, '').replace(/\s*\n\s*/g, '').trim();
}

const t3 = (row: string, nums: number[]) =>
  Object.fromEntries(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((c, i) => [`t3.${row}.${c}`, String(nums[i])]));

/** 淮安市人民政府 2024 (format 2021, government level): a clean, consistent report. */
export function huaian2024(): Draft {
  const text = fixtureText('huaian-2024.txt');
  const cells: Record<string, string> = {
    't2.rules.issued': '1', 't2.rules.repealed': '0', 't2.rules.in-force': '11',
    't2.normative.issued': '8', 't2.normative.repealed': '26', 't2.normative.in-force': '66',
    't2.licensing.decisions': '447228', 't2.penalty.decisions': '3985758', 't2.coercion.decisions': '88283',
    't2.fees.amount': '96171.6',
    ...t3('new', [3001, 53, 0, 0, 61, 4, 3119]),
    ...t3('carried', [34, 0, 0, 0, 0, 0, 34]),
    ...t3('granted', [1288, 21, 0, 0, 50, 3, 1362]),
    ...t3('partial', [447, 7, 0, 0, 0, 0, 454]),
    ...t3('denied.secret', [2, 0, 0, 0, 0, 0, 2]),
    ...t3('denied.law', [30, 1, 0, 0, 0, 0, 31]),
    ...t3('denied.safety', [5, 0, 0, 0, 0, 0, 5]),
    ...t3('denied.third-party', [6, 0, 0, 0, 0, 0, 6]),
    ...t3('denied.internal', [7, 1, 0, 0, 0, 0, 8]),
    ...t3('denied.process', [12, 0, 0, 0, 0, 0, 12]),
    ...t3('denied.enforcement', [9, 0, 0, 0, 0, 0, 9]),
    ...t3('denied.query', [105, 0, 0, 0, 0, 0, 105]),
    ...t3('unable.none', [746, 12, 0, 0, 10, 1, 769]),
    ...t3('unable.create', [11, 0, 0, 0, 0, 0, 11]),
    ...t3('unable.unclear', [1, 0, 0, 0, 0, 0, 1]),
    ...t3('rejected.petition', [56, 6, 0, 0, 0, 0, 62]),
    ...t3('rejected.repeat', [25, 0, 0, 0, 0, 0, 25]),
    ...t3('rejected.publication', [0, 0, 0, 0, 0, 0, 0]),
    ...t3('rejected.excessive', [0, 0, 0, 0, 0, 0, 0]),
    ...t3('rejected.confirm', [1, 0, 0, 0, 0, 0, 1]),
    ...t3('other.no-correction', [67, 3, 0, 0, 1, 0, 71]),
    ...t3('other.no-fee', [6, 0, 0, 0, 0, 0, 6]),
    ...t3('other.other', [108, 2, 0, 0, 0, 0, 110]),
    ...t3('total', [2932, 53, 0, 0, 61, 4, 3050]),
    ...t3('carry-forward', [103, 0, 0, 0, 0, 0, 103]),
  };
  const t4 = { review: [72, 64, 178, 37, 351], 'suit-direct': [13, 4, 8, 1, 26], 'suit-after-review': [12, 1, 1, 6, 20] };
  for (const [g, nums] of Object.entries(t4)) {
    ['upheld', 'corrected', 'other', 'pending', 'total'].forEach((c, i) => (cells[`t4.${g}.${c}`] = String(nums[i])));
  }
  const problems = between(text, '五、存在的主要问题及改进情况', '六、其他需要报告的事项');
  const cut = problems.indexOf('针对存在问题');
  return {
    schema: 'nianbao.draft/1', year: 2024, format: '2021',
    agency: { name: '淮安市人民政府', address: '淮安市翔宇南道1号', postcode: '223001', phone: '0517-83605210', level: 'government' },
    cells,
    narrative: {
      preamble: between(text, '2024 年政府信息公开工作年度报告', '一、总体情况'),
      'overview.proactive': between(text, '（一）主动公开情况。', '（二）依申请公开情况'),
      'overview.requests': between(text, '（二）依申请公开情况。', '（三）政府信息管理情况'),
      'overview.management': between(text, '（三）政府信息管理情况。', '（四）政府信息公开平台建设情况'),
      'overview.platform': between(text, '（四）政府信息公开平台建设情况。', '（五）政府信息公开监督保障情况'),
      'overview.oversight': between(text, '（五）政府信息公开监督保障情况。', '二、主动公开政府信息情况'),
      'overview.assessment': '将政务公开工作纳入年度综合考核，全年未发生责任追究情况。',
      'problems.issues': problems.slice(0, cut),
      'problems.measures': problems.slice(cut),
      'other.fees': between(text, '六、其他需要报告的事项', '-6-'),
      'other.misc': '无。',
    },
    updatedAt: '2025-01-20T02:00:00.000Z',
  };
}

/** 威海火炬高技术产业开发区党政办公室 2020 (format 2019, department level). */
export function weihaiOffice2020(): Draft {
  const text = fixtureText('weihai-hitech-office-2020.txt');
  const cells: Record<string, string> = {};
  for (const c of catalogue('2019').cells) if (c.table !== 't2') cells[c.id] = '0';
  Object.assign(cells, t3('new', [6, 1, 0, 0, 0, 0, 7]), t3('partial', [1, 1, 0, 0, 0, 0, 2]), t3('unable.none', [4, 0, 0, 0, 0, 0, 4]),
    t3('rejected.repeat', [1, 0, 0, 0, 0, 0, 1]), t3('total', [6, 1, 0, 0, 0, 0, 7]));
  Object.assign(cells, {
    't2.rules.made': '0', 't2.rules.published': '0', 't2.rules.total': '0',
    't2.normative.made': '0', 't2.normative.published': '0', 't2.normative.total': '0',
    't2.licensing.prev': '0', 't2.licensing.delta': '0', 't2.licensing.decisions': '0',
    't2.services.prev': '3', 't2.services.delta': '+1', 't2.services.decisions': '0',
    't2.penalty.prev': '2', 't2.penalty.delta': '-1', 't2.penalty.decisions': '0',
    't2.coercion.prev': '1', 't2.coercion.delta': '0', 't2.coercion.decisions': '0',
    't2.fees.prev': '0', 't2.fees.delta': '0',
    't2.procurement.count': '5', 't2.procurement.amount': '146.2243',
  });
  const problems = between(text, '五、存在的主要问题及改进情况', '六、其他需要报告的事项');
  const cut = problems.indexOf('具体的解决办法');
  return {
    schema: 'nianbao.draft/1', year: 2020, format: '2019',
    agency: { name: '威海火炬高技术产业开发区党政办公室', address: '威海市文化西路288号', postcode: '264209', phone: '0631-3919181', level: 'department' },
    cells,
    narrative: {
      preamble: between(text, '年政府信息公开工作年度报告', '一、总体情况'),
      'overview.proactive': between(text, '（一）强化主动公开。', '索引号'),
      'overview.requests': between(text, '（二）规范依申请公开信件办理。', '（三）政府信息管理。'),
      'overview.management': between(text, '（三）政府信息管理。', '（四）平台建设。'),
      'overview.platform': between(text, '（四）平台建设。', '（五）监督保障。'),
      'overview.oversight': between(text, '（五）监督保障。', '二、主动公开政府信息情况'),
      'problems.issues': problems.slice(0, cut),
      'problems.measures': problems.slice(cut),
      'other.proposals': text.slice(text.indexOf('六、其他需要报告的事项') + 11).trim(),
    },
    updatedAt: '2021-01-25T01:00:00.000Z',
  };
}
