/**
 * LibreOffice and poppler for the tests that open what nianbao writes as a clerk's office would. Imported, it fails
 * a CI run at once when they are missing (a local run skips the checks that need them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOFFICE = '/usr/bin/soffice';

export const HAS_LIBREOFFICE = existsSync(SOFFICE) && existsSync('/usr/bin/pdftotext');
if (process.env.CI && !HAS_LIBREOFFICE) throw new Error('CI needs LibreOffice (soffice) and poppler-utils (pdftotext)');

/** Writes `bytes` as `dir/name.docx`, has LibreOffice convert it (`pdf` or `txt:Text`), returns the file written. */
export function convertDocx(bytes: Uint8Array, dir: string, name: string, to: 'pdf' | 'txt:Text'): string {
  const file = join(dir, `${name}.docx`);
  writeFileSync(file, bytes);
  execFileSync(SOFFICE, ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', to, '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
  return join(dir, `${name}.${to === 'pdf' ? 'pdf' : 'txt'}`);
}

/** The .docx as LibreOffice prints it: converted to PDF, then to text by `pdftotext -layout`. */
export function docxTextViaPdf(bytes: Uint8Array, dir: string, name: string): string {
  const pdf = convertDocx(bytes, dir, name, 'pdf');
  const txt = join(dir, `${name}.txt`);
  execFileSync('pdftotext', ['-layout', pdf, txt]);
  return txt;
}
