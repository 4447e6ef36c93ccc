/** The real published reports in ../shared/fixtures (beside the repository, in CI as here). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/reports/', import.meta.url));

/** The text of one fixture report, e.g. `fixtureText('huaian-2024.txt')`. */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}
