/**
 * A template's instructions left in a published report: provincial templates print a 「编写说明」 (also 「填报说明」,
 * 「填写说明」) that the agency should delete before publishing. Found, it is reported once as text.artifact.
 */
import { slicePair, type Pair } from './agency.js';

/** What the label's 「说明」 follows. */
const LABELS = new Set(['编写', '填报', '填写', '编制']);
/** Before the label, after spaces: a line start or an opening bracket. */
const OPENS = /(?:^|[\n（(【\[])[ \t\u3000]*$/u;
/** After the label, after spaces: a colon or the line end. */
const CLOSES = /^[ \t\u3000]*(?:[:：]|\n|$)/u;

/** The note's beginning as written (at most 40 characters of it, up to its line end), or undefined. */
export function templateNote(p: Pair): string | undefined {
  // Each 「说明」 is looked at (most reports hold none): no regex runs over the whole text.
  for (let at = p.m.indexOf('说明'); at >= 0; at = p.m.indexOf('说明', at + 2)) {
    const start = at - 2;
    if (start < 0 || !LABELS.has(p.m.slice(start, at))) continue;
    if (!OPENS.test(p.m.slice(Math.max(0, start - 8), start)) || !CLOSES.test(p.m.slice(at + 2, at + 10))) continue;
    const lineEnd = p.m.indexOf('\n', start);
    const flat = slicePair(p, start, Math.min(lineEnd < 0 ? p.m.length : lineEnd, start + 120)).w.trim();
    return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
  }
  return undefined;
}
