/**
 * The tables of the real reports in ../shared/fixtures, typed in by hand from the report texts (the importer has its
 * own tests that read the files). Every cell the report prints is here; a test adds narrative where it needs it.
 */
import { buildDraft, natural } from './drafts.js';

export const zeros2019 = (agency: string) => buildDraft({ year: 2020, agency });

export const weihaiOffice2020 = () => buildDraft({
  year: 2020, agency: '威海火炬高技术产业开发区党政办公室',
  t2: { services: [3, '+1', ''], penalty: [2, '-1', 0], coercion: [1, 0, 0], procurement: [5, '146.2243'] },
  t3: { new: [6, 1, 0, 0, 0, 0, 7], partial: [1, 1, 0, 0, 0, 0, 2], 'unable.none': natural(4), 'rejected.repeat': natural(1), total: [6, 1, 0, 0, 0, 0, 7] },
});

export const pingtan2021 = () => {
  const d = buildDraft({
    year: 2021, agency: '平潭综合实验区',
    t2: { licensing: [2293], penalty: [1282], coercion: [42], fees: ['24252.311082'] },
    t3: {
      new: [64, 0, 0, 2, 0, 4, 70], granted: [27, 0, 0, 2, 0, 1, 30], partial: natural(5), 'denied.internal': natural(1),
      'denied.enforcement': natural(6), 'denied.query': natural(1), 'unable.none': [22, 0, 0, 0, 0, 3, 25],
      'other.other': natural(1), total: [63, 0, 0, 2, 0, 4, 69], 'carry-forward': natural(1),
    },
    t4: { review: [1, 0, 2, 0, 3], 'suit-direct': [12, 0, 0, 0, 12] },
  });
  // 「693665」 cannot be decoded: the importer leaves these three cells out.
  for (const c of ['issued', 'repealed', 'in-force']) delete d.cells[`t2.normative.${c}`];
  return d;
};

export const pingtan2022 = () => buildDraft({
  year: 2022, agency: '平潭综合实验区',
  t2: { normative: [88, 55, 698], licensing: [10690], penalty: [2113], coercion: [0], fees: ['9116.36'] },
  t3: {
    new: [71, 3, 0, 0, 0, 0, 74], carried: natural(1), granted: natural(21), partial: [8, 1, 0, 0, 0, 0, 9],
    'denied.internal': natural(1), 'denied.process': natural(2), 'denied.enforcement': natural(1), 'unable.none': natural(37),
    'other.no-correction': natural(2), 'other.other': [0, 2, 0, 0, 0, 0, 2], total: [72, 3, 0, 0, 0, 0, 75],
  },
  t4: { review: [0, 1, 1, 0, 2], 'suit-direct': [1, 0, 0, 0, 1] },
});

export const huaian2024 = () => buildDraft({
  year: 2024, agency: '淮安市人民政府',
  t2: { rules: [1, 0, 11], normative: [8, 26, 66], licensing: [447228], penalty: [3985758], coercion: [88283], fees: ['96171.6'] },
  t3: {
    new: [3001, 53, 0, 0, 61, 4, 3119], carried: natural(34), granted: [1288, 21, 0, 0, 50, 3, 1362], partial: [447, 7, 0, 0, 0, 0, 454],
    'denied.secret': natural(2), 'denied.law': [30, 1, 0, 0, 0, 0, 31], 'denied.safety': natural(5), 'denied.third-party': natural(6),
    'denied.internal': [7, 1, 0, 0, 0, 0, 8], 'denied.process': natural(12), 'denied.enforcement': natural(9), 'denied.query': natural(105),
    'unable.none': [746, 12, 0, 0, 10, 1, 769], 'unable.create': natural(11), 'unable.unclear': natural(1),
    'rejected.petition': [56, 6, 0, 0, 0, 0, 62], 'rejected.repeat': natural(25), 'rejected.confirm': natural(1),
    'other.no-correction': [67, 3, 0, 0, 1, 0, 71], 'other.no-fee': natural(6), 'other.other': [108, 2, 0, 0, 0, 0, 110],
    total: [2932, 53, 0, 0, 61, 4, 3050], 'carry-forward': natural(103),
  },
  t4: { review: [72, 64, 178, 37, 351], 'suit-direct': [13, 4, 8, 1, 26], 'suit-after-review': [12, 1, 1, 6, 20] },
});

/** hongze's （六）其他处理 is one row, the 2019 shape: in a draft that is the 2019 cell ids t3.other.*. */
function withSingleOtherRow(d: ReturnType<typeof buildDraft>) {
  for (const c of ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total']) {
    for (const r of ['no-correction', 'no-fee', 'other']) delete d.cells[`t3.other.${r}.${c}`];
    d.cells[`t3.other.${c}`] = '0';
  }
  return d;
}

export const hongze2023 = () => withSingleOtherRow(buildDraft({
  year: 2023, agency: '洪泽区人民政府',
  t2: { normative: [0, 5, 5], licensing: [550], penalty: [4119], coercion: [195], fees: ['7730.28'] },
  t3: {
    new: natural(21), partial: natural(4), 'denied.secret': natural(1), 'denied.process': natural(1), 'denied.enforcement': natural(1),
    'unable.none': natural(10), 'unable.create': natural(3), 'rejected.petition': natural(1), total: natural(21),
  },
  t4: { review: [10, 1, 0, 0, 0], 'suit-after-review': [5, 0, 0, 0, 0] },
}));

export const hongze2024 = () => withSingleOtherRow(buildDraft({
  year: 2024, agency: '洪泽区人民政府',
  t3: {
    new: natural(95), granted: natural(50), partial: natural(9), 'denied.safety': natural(1), 'denied.process': natural(1),
    'denied.enforcement': natural(1), 'unable.none': natural(31), 'unable.create': natural(1), 'rejected.petition': natural(1), total: natural(95),
  },
  t4: { review: [1, 1, 0, 0, 2], 'suit-direct': [1, 0, 0, 0, 1], 'suit-after-review': [2, 0, 1, 0, 3] },
}));

