/**
 * A template's instructions left in a published report: provincial templates print a 「编写说明」 (also 「填报说明」,
 * 「填写说明」) that the agency should delete before publishing. Found, it is reported once as text.artifact.
 */
import { slicePair, type Pair } from './agency.js';

/** The note's label at a line start or after an opening bracket, followed by a colon or the line end. */
const NOTE = /(?:^|\n|[（(【\[])[ \t\u3000]*((?:编写|填报|填写|编制)说明)[ \t\u3000]*(?:[:：]|\n|$)/u;

/** The note's beginning as written (at most 40 characters of it), or undefined. */
export function templateNote(p: Pair): string | undefined {
  // Most reports hold no 「说明」 at all: one indexOf before the regex.
  if (!p.m.includes('说明')) return undefined;
  const m = NOTE.exec(p.m);
  if (!m) return undefined;
  const start = m.index + m[0].indexOf(m[1]!);
  const lineEnd = p.m.indexOf('\n', start);
  const flat = slicePair(p, start, Math.min(lineEnd < 0 ? p.m.length : lineEnd, start + 120)).w.trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
