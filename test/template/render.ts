/** Renders workbooks as LibreOffice prints them (xlsx → PDF → pixels) so tests can look at the colours. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export function findTool(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

export interface Image { width: number; height: number; data: Uint8Array }

/** A binary PPM (P6), as `pdftoppm` writes without -png. */
export function readPpm(bytes: Uint8Array): Image {
  let pos = 0;
  const token = () => {
    while (bytes[pos] === 0x20 || bytes[pos] === 0x0a || bytes[pos] === 0x0d || bytes[pos] === 0x09) pos++;
    let s = '';
    while (pos < bytes.length && ![0x20, 0x0a, 0x0d, 0x09].includes(bytes[pos]!)) s += String.fromCharCode(bytes[pos++]!);
    return s;
  };
  if (token() !== 'P6') throw new Error('not a binary PPM');
  const width = Number(token()), height = Number(token()), max = Number(token());
  if (max !== 255) throw new Error(`unsupported PPM depth ${max}`);
  pos++;
  return { width, height, data: bytes.subarray(pos, pos + width * height * 3) };
}

/** Pages one below the other (all as wide as the widest, white where narrower). */
export function stack(pages: readonly Image[]): Image {
  const width = Math.max(...pages.map((p) => p.width));
  const height = pages.reduce((h, p) => h + p.height, 0);
  const data = new Uint8Array(width * height * 3).fill(255);
  let y0 = 0;
  for (const p of pages) {
    for (let y = 0; y < p.height; y++) data.set(p.data.subarray(y * p.width * 3, (y + 1) * p.width * 3), ((y0 + y) * width) * 3);
    y0 += p.height;
  }
  return { width, height, data };
}

/**
 * Converts workbooks to PDF with LibreOffice (one run, a fresh profile) and every page to pixels, pages stacked.
 * Writes PNGs of the pages beside them for a person to look at.
 */
export async function renderWorkbooks(files: Record<string, Uint8Array>, dpi = 100): Promise<{ dir: string; images: Record<string, Image> }> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-lo-'));
  const paths = Object.entries(files).map(([name, bytes]) => {
    const p = join(dir, `${name}.xlsx`);
    writeFileSync(p, bytes);
    return p;
  });
  await exec('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...paths], { timeout: 180_000 });
  const images: Record<string, Image> = {};
  for (const name of Object.keys(files)) {
    const pdf = join(dir, `${name}.pdf`);
    await exec('pdftoppm', ['-r', String(dpi), pdf, join(dir, name)]);
    await exec('pdftoppm', ['-png', '-r', String(dpi), pdf, join(dir, name)]);
    const pages = readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.ppm')).sort((a, b) => pageNo(a) - pageNo(b));
    images[name] = stack(pages.map((f) => readPpm(readFileSync(join(dir, f)))));
  }
  return { dir, images };
}

const pageNo = (file: string) => Number(/-(\d+)\.ppm$/.exec(file)?.[1] ?? 0);

/** Converts one workbook to .xlsx with LibreOffice (recalculated and saved by it). */
export async function resaveWithLibreOffice(bytes: Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-lo-'));
  const input = join(dir, 'in', 'book.xlsx');
  await exec('mkdir', ['-p', join(dir, 'in'), join(dir, 'out')]);
  writeFileSync(input, bytes);
  await exec('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), input], { timeout: 180_000 });
  return readFileSync(join(dir, 'out', 'book.xlsx'));
}

export interface Box { left: number; top: number; right: number; bottom: number; count: number }

/** Bounding box and number of the pixels that match. */
export function pixelsWhere(img: Image, match: (r: number, g: number, b: number, x: number, y: number) => boolean): Box {
  const box: Box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity, count: 0 };
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 3;
      if (!match(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, x, y)) continue;
      box.count++;
      box.left = Math.min(box.left, x); box.right = Math.max(box.right, x);
      box.top = Math.min(box.top, y); box.bottom = Math.max(box.bottom, y);
    }
  }
  return box;
}

/** Pixels that differ between two renders of the same size. */
export function diffBox(a: Image, b: Image): Box {
  if (a.width !== b.width || a.height !== b.height) throw new Error('renders differ in size');
  return pixelsWhere(a, (r, g, bl, x, y) => {
    const i = (y * b.width + x) * 3;
    return Math.abs(r - b.data[i]!) + Math.abs(g - b.data[i + 1]!) + Math.abs(bl - b.data[i + 2]!) > 30;
  });
}

/** Close to a '#RRGGBB' colour. */
export function near(hex: string, tolerance = 14): (r: number, g: number, b: number) => boolean {
  const [R, G, B] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return (r, g, b) => Math.abs(r - R) <= tolerance && Math.abs(g - G) <= tolerance && Math.abs(b - B) <= tolerance;
}
