/**
 * Drafts made from two real published reports (../shared/fixtures): their table figures as the fixtures README
 * states them, their narrative copied from the report text. Used by the renderer and bot tests.
 */
import { fixtureText } from '../support/fixtures.js';
import type { Draft } from '../../shared/index.js';
import * as tables from '../support/fixture-drafts.js';

export { fixtureText };

/** Text between two markers of a fixture, page numbers and layout line breaks removed. */
function between(text: string, from: string, to: string): string {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a + from.length);
  if (a < 0 || b < 0) throw new Error(`markers ${from} … ${to} not in fixture`);
  return text.slice(a + from.length, b).replace(/^\s*-\d+-\s*$/gm, '').replace(/\s*\n\s*/g, '').trim();
}


/** 淮安市人民政府 2024 (format 2021, government level): a clean, consistent report. */
export function huaian2024(): Draft {
  const text = fixtureText('huaian-2024.txt');
  const { cells } = tables.huaian2024();
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
  // The report leaves 处理决定数量 of 其他对外管理服务事项 blank; the rendered report shows a full row.
  const cells = { ...tables.weihaiOffice2020().cells, 't2.services.decisions': '0' };
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
