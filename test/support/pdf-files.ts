/**
 * Test PDFs and Word files made from the fixtures by real tools: the project's .docx rendering converted by
 * LibreOffice (to PDF and to Word 97–2003 .doc), and a scan (a page rasterised by pdftoppm, wrapped as an image
 * in a hand-written PDF with no text layer). Nothing here is committed output: every test builds its files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
export const PDFTOPPM = ['/usr/bin/pdftoppm'].find((p) => existsSync(p));

/** Converts `docx` bytes with LibreOffice to `filter` (e.g. 'pdf', 'doc', or a filter with options) in `dir`. */
export function convertDocx(dir: string, name: string, docx: Uint8Array, filter: string, ext: string): Uint8Array {
  return convertFile(dir, `${name}.docx`, docx, filter, ext);
}

/** Converts a file (`file`: its name in `dir`, whose extension tells LibreOffice what it is) to `filter`. */
export function convertFile(dir: string, file: string, bytes: Uint8Array, filter: string, ext: string): Uint8Array {
  const src = join(dir, file);
  const name = file.replace(/\.[^.]+$/u, '');
  writeFileSync(src, bytes);
  execFileSync(SOFFICE!, [
    `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', join(dir, ext), src,
  ], { timeout: 180_000, stdio: 'ignore' });
  return readFileSync(join(dir, ext, `${name}.${ext.replace(/-.*$/, '')}`));
}

/** LibreOffice's PDF export with an open password. */
export const ENCRYPTED_PDF_FILTER = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}';

/** LibreOffice's PDF export with only a permissions password (no copying, no changes): opens without a password. */
export const RESTRICTED_PDF_FILTER = 'pdf:writer_pdf_Export:{"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"owner"},"Changes":{"type":"long","value":"0"},"EnableCopyingOfContent":{"type":"boolean","value":"false"}}';

/** Width and height of a baseline or progressive JPEG, from its SOF marker. */
function jpegSize(jpeg: Uint8Array): { width: number; height: number } {
  for (let i = 2; i + 9 < jpeg.length;) {
    if (jpeg[i] !== 0xff) throw new Error('not a JPEG');
    const marker = jpeg[i + 1]!;
    const len = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xc3) return { height: (jpeg[i + 5]! << 8) | jpeg[i + 6]!, width: (jpeg[i + 7]! << 8) | jpeg[i + 8]! };
    i += 2 + len;
  }
  throw new Error('JPEG without a frame header');
}

/** A one-page PDF whose page is the image only (DCTDecode), as a scanner writes it: no text at all. */
export function imagePdf(jpeg: Uint8Array): Uint8Array {
  const { width, height } = jpegSize(jpeg);
  const content = `q 595 0 0 842 0 0 cm /Im0 Do Q`;
  const objects: (string | Uint8Array)[][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>'],
    [`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, jpeg, '\nendstream'],
    [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
  ];
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    for (const p of [`${i + 1} 0 obj\n`, ...o, '\nendobj\n']) {
      const b = typeof p === 'string' ? enc.encode(p) : p;
      parts.push(b);
      offset += b.length;
    }
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
    + `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(enc.encode(xref));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A scan of the first page of `pdf`: rasterised by pdftoppm at 60 dpi, wrapped as an image-only PDF. */
export function scanOf(dir: string, pdf: string): Uint8Array {
  const out = join(dir, 'scan');
  execFileSync(PDFTOPPM!, ['-jpeg', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, out], { timeout: 60_000 });
  return imagePdf(readFileSync(`${out}.jpg`));
}
