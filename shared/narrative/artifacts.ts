/**
 * text.artifact: what copying a report from a web page or a PDF leaves in its text — the page's metadata
 * (索引号, 发布机构, 发布日期, 访问次数 …), image placeholders, page numbers, and words split by a page break.
 */
import { NARRATIVE_MESSAGES as M } from '../messages.js';
import { finding, type Finding } from '../rules/catalogue.js';
import { excerpt, PAGE_NUMBER_LINE } from './text.js';

/** A metadata label of a government portal's article page, followed by a colon or a tab (as pasted). */
const META_FIELD =
  /(?:索引号|发布机构|发文机关|发布日期|发布时间|成文日期|访问次数|浏览次数|点击次数|阅读次数|组配分类|主题分类|公开方式|信息来源|文章来源|分享到)[ \t\u3000]*[:：\t][^\n]{0,30}/gu;
const IMAGE = /\[(?:image|img|图片|图像)(?:[:：][^\]\n]{0,80})?\]|!\[[^\]\n]{0,80}\]\([^)\n]{0,200}\)/giu;
/** End of a complete sentence, a heading line or a quotation. */
const SENTENCE_END = /[。！？!?；;：:…」』”’）)\]】]$/u;
/** A line that starts a heading or an enumerated point: not a continuation. */
const STARTS_BLOCK = /^(?:[一二三四五六七八九十]+[、.．是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十]+|[【\[#*•·-])/u;
const MIN_LINE = 15;

/** A heading line: starts a block, is short and holds no full stop. */
const isHeading = (line: string) => STARTS_BLOCK.test(line) && line.length <= 30 && !/[。！？]/u.test(line);
/** A line of pasted page metadata (reported as such, not as a split). */
const isPasted = (line: string) => line.includes('\t') || new RegExp(META_FIELD.source, 'u').test(line);

function samples(re: RegExp, text: string, max = 3): string[] {
  re.lastIndex = 0;
  const out: string[] = [];
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) out.push(excerpt(m[0].trim(), 30));
  return out;
}

/**
 * Paragraphs broken inside a sentence: a long line that does not end a sentence, then one or more empty lines
 * (or a page number), then text that does not start a heading. Quoted as 「…前文｜后文…」.
 */
function splitWords(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < 3; i++) {
    const before = lines[i]!.trim();
    if (before.length < MIN_LINE || SENTENCE_END.test(before) || isHeading(before) || isPasted(before)) continue;
    let j = i + 1, gap = false;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      PAGE_NUMBER_LINE.lastIndex = 0;
      if (l.trim() === '' || PAGE_NUMBER_LINE.test(l)) gap = true;
      else break;
    }
    const after = lines[j]?.trim();
    if (!gap || !after || STARTS_BLOCK.test(after) || isPasted(after)) continue;
    out.push(`…${before.slice(-8)}｜${after.slice(0, 8)}…`);
    i = j - 1;
  }
  return out;
}

/** text.artifact findings for one part's text; `part` is how messages name it. */
export function artifactFindings(text: string, part: string): Finding[] {
  const out: Finding[] = [];
  const meta = samples(META_FIELD, text);
  if (meta.length) out.push(finding('text.artifact', M.artifactMeta(part, meta)));
  const images = samples(IMAGE, text);
  if (images.length) out.push(finding('text.artifact', M.artifactImage(part, images)));
  const pages = samples(PAGE_NUMBER_LINE, text);
  if (pages.length) out.push(finding('text.artifact', M.artifactPageNumber(part, pages)));
  const splits = splitWords(text);
  if (splits.length) out.push(finding('text.artifact', M.artifactSplit(part, splits)));
  return out;
}
