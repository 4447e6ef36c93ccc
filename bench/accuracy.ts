/**
 * Accuracy of the importer over the generated corpus (test/import/corpus.ts): every fixture in every meta shape and
 * text layout — cells identical / wrong / not read, year right, agency right. `npm run bench -- accuracy`.
 */
import { corpus, figures, measure } from '../test/import/corpus.js';

export async function bench(): Promise<Record<string, string | number>> {
  const t = measure(corpus());
  const out: Record<string, string | number> = figures(t);
  t.failures.slice(0, 20).forEach((f, i) => (out[`accuracy: miss ${i + 1}`] = f));
  return out;
}
