/**
 * Drafts of the real fixtures built by hand for the narrative tests: the narrative split at the headings that
 * each report really carries, the cells the fixtures README states. Used until the importer can read them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgencyLevel, Draft } from '../../shared/index.js';
import { buildDraft, natural, type DraftSpec } from '../support/drafts.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/reports/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(`${FIXTURES_DIR}${name}.txt`, 'utf8');
}

/** [part id or null (a table section, skipped), the heading text that starts it], in report order. */
type Marker = readonly [string | null, string];

/** Splits the text at each marker (searched after the previous one); a part runs to the next marker. */
export function splitAt(text: string, markers: readonly Marker[]): Record<string, string> {
  const found: { id: string | null; start: number; end: number }[] = [];
  let from = 0;
  for (const [id, marker] of markers) {
    const at = text.indexOf(marker, from);
    if (at < 0) throw new Error(`marker not found: ${marker}`);
    found.push({ id, start: at, end: at + marker.length });
    from = at + marker.length;
  }
  const parts: Record<string, string> = {};
  found.forEach((m, i) => {
    if (m.id) parts[m.id] = text.slice(m.end, found[i + 1]?.start ?? text.length).trim();
  });
  return parts;
}

const GOV_OVERVIEW = (p: string): Marker[] => [
  [null, '一、总体情况'],
  ['overview.proactive', `（一）主动公开${p}`], ['overview.requests', `（二）依申请公开${p}`],
  ['overview.management', `（三）政府信息管理${p}`],
];
const TAIL: Marker[] = [
  [null, '二、主动公开政府信息情况'], ['problems.issues', '五、存在的主要问题及改进情况'], ['other.misc', '六、其他需要报告的事项'],
];
const TAIL_FEES: Marker[] = [TAIL[0]!, TAIL[1]!, ['other.fees', '六、其他需要报告的事项']];
const HUAIAN_LIKE: Marker[] = [
  ['preamble', '本报告由'], ...GOV_OVERVIEW('情况。'),
  ['overview.platform', '（四）政府信息公开平台建设情况。'], ['overview.oversight', '（五）政府信息公开监督保障情况。'], ...TAIL_FEES,
];

interface FixtureSpec {
  readonly level: AgencyLevel;
  readonly markers: readonly Marker[];
  readonly cells: DraftSpec;
}

const row = (...v: (number | string)[]) => v;

export const FIXTURE_SPECS: Readonly<Record<string, FixtureSpec>> = {
  'weihai-hitech-social-2020': {
    level: 'department',
    markers: [
      ['preamble', '一、 总体情况'], [null, '（一）政府信息公开组织领导和制度建设情况'],
      ['overview.proactive', '（二）主动公开政府信息情况'], ['overview.requests', '（三）政府信息公开申请办理情况'],
      ['overview.management', '（四）政府信息公开保密审查及监督检查情况'], [null, '二、主动公开政府信息情况'],
      ['problems.issues', '五、存在的主要问题及改进情况'], ['other.misc', '6、 其他需要报告的事项'],
    ],
    cells: { year: 2020 },
  },
  'wendeng-tianfu-2020': {
    level: 'department',
    markers: [
      ['preamble', '根据新修订'], [null, '一、总体情况'], ['overview.proactive', '主动公开工作情况'],
      ['overview.requests', '（二）依申请公开工作情况'], ['overview.management', '（三）政府信息管理情况'],
      ['overview.platform', '（四）平台建设情况'], ['overview.oversight', '（五）监督保障情况'], ...TAIL,
    ],
    cells: { year: 2020 },
  },
  'weihai-hitech-office-2020': {
    level: 'department',
    markers: [
      ['preamble', '根据《中华人民共和国政府信息公开条例》规定'], [null, '一、总体情况'],
      ['overview.proactive', '（一）强化主动公开。'], ['overview.requests', '（二）规范依申请公开信件办理。'],
      ['overview.management', '（三）政府信息管理。'], ['overview.platform', '（四）平台建设。'], ['overview.oversight', '（五）监督保障。'],
      [null, '二、主动公开政府信息情况'], ['problems.issues', '五、存在的主要问题及改进情况'], ['other.proposals', '六、其他需要报告的事项'],
    ],
    cells: {
      year: 2020,
      t2: { services: row(3, '+1', ''), penalty: row(2, '-1', 0), coercion: row(1, 0, 0), procurement: row(5, '146.2243') },
      t3: {
        new: row(6, 1, 0, 0, 0, 0, 7), partial: row(1, 1, 0, 0, 0, 0, 2), 'unable.none': natural(4),
        'rejected.repeat': natural(1), total: row(6, 1, 0, 0, 0, 0, 7),
      },
    },
  },
  'pingtan-2021': {
    level: 'government',
    markers: [
      ['preamble', '根据《中华人民共和国政府信息公开条例》'], ...GOV_OVERVIEW('方面。'),
      ['overview.platform', '（四）平台载体建设方面。'], ['overview.oversight', '（五）监督保障方面。'], ...TAIL_FEES,
    ],
    cells: {
      year: 2021,
      t2: { normative: row('', '', ''), licensing: row(2293), penalty: row(1282), coercion: row(42), fees: row('24252.311082') },
      t3: {
        new: row(64, 0, 0, 2, 0, 4, 70), granted: row(27, 0, 0, 2, 0, 1, 30), partial: natural(5),
        'denied.internal': natural(1), 'denied.enforcement': natural(6), 'denied.query': natural(1),
        'unable.none': row(22, 0, 0, 0, 0, 3, 25), 'other.other': natural(1), total: row(63, 0, 0, 2, 0, 4, 69),
        'carry-forward': natural(1),
      },
      t4: { review: row(1, 0, 2, 0, 3), 'suit-direct': row(12, 0, 0, 0, 12) },
    },
  },
  'pingtan-2022': {
    level: 'government',
    markers: [
      ['preamble', '本报告根据'], ...GOV_OVERVIEW('方面'),
      ['overview.platform', '（四）信息公开平台建设方面'], ['overview.oversight', '（五）监督保障方面'], ...TAIL_FEES,
    ],
    cells: {
      year: 2022,
      t2: { normative: row(88, 55, 698), licensing: row(10690), penalty: row(2113), coercion: row(0), fees: row('9116.36') },
      t3: {
        new: row(71, 3, 0, 0, 0, 0, 74), carried: natural(1), granted: natural(21), partial: row(8, 1, 0, 0, 0, 0, 9),
        'denied.internal': natural(1), 'denied.process': natural(2), 'denied.enforcement': natural(1),
        'unable.none': natural(37), 'other.no-correction': natural(2), 'other.other': row(0, 2, 0, 0, 0, 0, 2),
        total: row(72, 3, 0, 0, 0, 0, 75),
      },
      t4: { review: row(0, 1, 1, 0, 2), 'suit-direct': row(1, 0, 0, 0, 1) },
    },
  },
  'huaian-2024': {
    level: 'government',
    markers: HUAIAN_LIKE,
    cells: {
      year: 2024,
      t2: { rules: row(1, 0, 11), normative: row(8, 26, 66), licensing: row(447228), penalty: row(3985758), coercion: row(88283), fees: row('96171.6') },
      t3: {
        new: row(3001, 53, 0, 0, 61, 4, 3119), carried: natural(34), total: row(2932, 53, 0, 0, 61, 4, 3050),
        'carry-forward': natural(103),
      },
      t4: { review: row(72, 64, 178, 37, 351), 'suit-direct': row(13, 4, 8, 1, 26), 'suit-after-review': row(12, 1, 1, 6, 20) },
    },
  },
  'hongze-2023': {
    level: 'government',
    markers: HUAIAN_LIKE,
    cells: {
      year: 2023,
      t2: { normative: row(0, 5, 5), licensing: row(550), penalty: row(4119), coercion: row(195), fees: row('7730.28') },
      t3: { new: natural(21), total: natural(21) },
      t4: { review: row(10, 1, 0, 0, 0), 'suit-after-review': row(5, 0, 0, 0, 0) },
    },
  },
  'hongze-2024': {
    level: 'government',
    markers: HUAIAN_LIKE,
    cells: {
      year: 2024,
      t2: { normative: row(3, 0, 8), licensing: row(9487), penalty: row(2776), coercion: row(84), fees: row(7545) },
      t3: { new: natural(95), total: natural(95) },
      t4: { review: row(1, 1, 0, 0, 2), 'suit-direct': row(1, 0, 0, 0, 1), 'suit-after-review': row(2, 0, 1, 0, 3) },
    },
  },
};

export const FIXTURE_NAMES = Object.keys(FIXTURE_SPECS);

/** The fixture as a draft: cells from the README, narrative split at its real headings. */
export function fixtureDraft(name: string): Draft {
  const spec = FIXTURE_SPECS[name];
  if (!spec) throw new Error(`no fixture ${name}`);
  const d = buildDraft({ ...spec.cells, narrative: splitAt(fixtureText(name), spec.markers) });
  return { ...d, agency: { ...d.agency, level: spec.level } };
}
