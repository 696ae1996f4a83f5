// Helpers of the PDF font step (90-pdf-font.ts): one face out of a TrueType collection, the GB2312
// level-1 hanzi enumerated from the standard's code table, and the characters of the app's texts
// that a standard PDF font cannot write. Pure apart from reading files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isWinAnsi } from '../../../src/export/pdf-text.ts';

/**
 * A standalone sfnt of face `index` of a TrueType collection (`ttcf`); any other font is returned as
 * it is. Table data are copied unchanged (4-byte aligned), so their checksums stay valid.
 */
export function ttcFace(file: Uint8Array, index = 0): Uint8Array {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const tag = String.fromCharCode(...file.subarray(0, 4));
  if (tag !== 'ttcf') return file;
  const faces = v.getUint32(8);
  if (index >= faces) throw new Error(`the collection has ${faces} faces, not ${index + 1}`);
  const at = v.getUint32(12 + 4 * index);
  const numTables = v.getUint16(at + 4);
  const header = 12 + 16 * numTables;
  const tables = Array.from({ length: numTables }, (_, i) => ({
    offset: v.getUint32(at + 12 + 16 * i + 8),
    length: v.getUint32(at + 12 + 16 * i + 12),
  }));
  const out = new Uint8Array(tables.reduce((s, t) => s + ((t.length + 3) & ~3), header));
  const w = new DataView(out.buffer);
  out.set(file.subarray(at, at + header), 0);
  let pos = header;
  tables.forEach((t, i) => {
    out.set(file.subarray(t.offset, t.offset + t.length), pos);
    w.setUint32(12 + 16 * i + 8, pos);
    pos += (t.length + 3) & ~3;
  });
  return out;
}

/**
 * The 3,755 level-1 hanzi of GB 2312 (rows 16–55, the most common characters), decoded from their
 * EUC-CN byte pairs with the platform's GB18030 decoder rather than typed out.
 */
export function gb2312Level1(): string[] {
  const dec = new TextDecoder('gb18030');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = dec.decode(new Uint8Array([hi, lo]));
      const c = ch.codePointAt(0)!;
      // Row 55 ends at 0xD7F9; the rest of the row decodes to private-use or other code points.
      if (ch.length === 1 && c >= 0x4e00 && c <= 0x9fff) out.push(ch);
    }
  }
  return out;
}

/** GB 2312 row 1 (CJK punctuation and symbols) and row 3 (full-width ASCII). */
export function gb2312Punctuation(): string[] {
  const dec = new TextDecoder('gb18030');
  const out: string[] = [];
  for (const hi of [0xa1, 0xa3]) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = dec.decode(new Uint8Array([hi, lo]));
      const c = ch.codePointAt(0)!;
      if (ch.length === 1 && c !== 0xfffd && !(c >= 0xe000 && c <= 0xf8ff)) out.push(ch);
    }
  }
  return out;
}

/**
 * The characters of a text that the PDF writes with the CJK font: not writable with a standard font
 * (WinAnsi), not a control or space character, and in the Basic Multilingual Plane (jsPDF writes
 * 16-bit code units).
 */
export function pdfFontChars(text: string): Set<string> {
  const out = new Set<string>();
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c > 0xffff || c < 0x20 || (c >= 0x7f && c < 0xa0) || /\s/u.test(ch) || isWinAnsi(ch)) continue;
    out.add(ch);
  }
  return out;
}

/** Every file below `dir` whose name ends with one of `exts`, sorted (so the build is stable). */
export function filesUnder(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

/** The union of `pdfFontChars` over files, in code point order. */
export function charsOfFiles(files: string[]): string[] {
  const all = new Set<string>();
  for (const f of files) for (const ch of pdfFontChars(readFileSync(f, 'utf8'))) all.add(ch);
  return [...all].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

/** The offset and length of each table of an sfnt. */
export function sfntTables(font: Uint8Array): Map<string, { offset: number; length: number }> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const out = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < v.getUint16(4); i++) {
    const r = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(r, r + 4));
    out.set(tag, { offset: v.getUint32(r + 8), length: v.getUint32(r + 12) });
  }
  return out;
}

/** Number of glyphs (maxp) of an sfnt. */
export function glyphCount(font: Uint8Array): number {
  const maxp = sfntTables(font).get('maxp');
  if (!maxp) throw new Error('no maxp table');
  return new DataView(font.buffer, font.byteOffset, font.byteLength).getUint16(maxp.offset + 4);
}

/** The BMP code points the font maps to a glyph other than .notdef (its Unicode cmap, format 4). */
export function cmapCodePoints(font: Uint8Array): Set<number> {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = sfntTables(font).get('cmap');
  if (!cmap) throw new Error('no cmap table');
  const out = new Set<number>();
  for (let i = 0; i < v.getUint16(cmap.offset + 2); i++) {
    const rec = cmap.offset + 4 + 8 * i;
    const [platform, encoding] = [v.getUint16(rec), v.getUint16(rec + 2)];
    const sub = cmap.offset + v.getUint32(rec + 4);
    if (!((platform === 3 && encoding === 1) || platform === 0) || v.getUint16(sub) !== 4) continue;
    const segs = v.getUint16(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let s = 0; s < segs; s++) {
      const [end, start] = [v.getUint16(ends + 2 * s), v.getUint16(starts + 2 * s)];
      const [delta, range] = [v.getInt16(deltas + 2 * s), v.getUint16(ranges + 2 * s)];
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph = (c + delta) & 0xffff;
        if (range) {
          const g = v.getUint16(ranges + 2 * s + range + 2 * (c - start));
          glyph = g === 0 ? 0 : (g + delta) & 0xffff;
        }
        if (glyph !== 0) out.add(c);
      }
    }
    return out;
  }
  throw new Error('no Unicode format-4 cmap');
}
