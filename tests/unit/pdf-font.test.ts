// The PDF's CJK font: the committed subset (geo/build/fonts) is a TrueType font jsPDF can embed, it
// covers GB 2312 level 1 and the names a figure prints, and a PDF written with it embeds a small
// subset of it as real text. Rebuild the font with `npx tsx geo/scripts/90-pdf-font.ts`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jspdf from 'jspdf';
import { describe, expect, it } from 'vitest';
import {
  cmapCodePoints,
  gb2312Level1,
  glyphCount,
  pdfFontChars,
  sfntTables,
  ttcFace,
} from '../../geo/scripts/lib/cjk-font.ts';
import { PdfPainter } from '../../src/export/pdf.ts';
import { addPdfCjkFont, PDF_CJK_FONT_PATH } from '../../src/export/pdf-font.ts';
import { pdfRuns } from '../../src/export/pdf-text.ts';

const ROOT = join(import.meta.dirname, '../..');
const font = new Uint8Array(readFileSync(join(ROOT, 'geo/build', PDF_CJK_FONT_PATH)));
const binary = Buffer.from(font).toString('latin1');
const covered = cmapCodePoints(font);

describe('the committed CJK font subset', () => {
  it('is a TrueType (glyf) font, not CFF, under 2 MB', () => {
    expect([...font.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    const tables = sfntTables(font);
    for (const t of ['glyf', 'loca', 'cmap', 'hmtx', 'head', 'name']) expect(tables.has(t), t).toBe(true);
    expect(tables.has('CFF ')).toBe(false);
    expect(font.length).toBeLessThan(2_000_000);
    expect(glyphCount(font)).toBeGreaterThan(3755);
  });

  it('covers the 3,755 GB 2312 level-1 hanzi (enumerated from the code table)', () => {
    const l1 = gb2312Level1();
    expect(l1).toHaveLength(3755);
    expect(l1[0]).toBe('啊');
    expect(l1.filter((ch) => !covered.has(ch.codePointAt(0)!))).toEqual([]);
  });

  it('covers every indicator name and unit and every unit name (else: rebuild it)', () => {
    const catalog = JSON.parse(readFileSync(join(ROOT, 'data/catalog.json'), 'utf8')) as {
      indicators: { name_zh: string; unit_zh: string }[];
    };
    const units = JSON.parse(readFileSync(join(ROOT, 'geo/build/units.json'), 'utf8')) as {
      units: { name_zh: string }[];
    };
    const text = [
      ...catalog.indicators.flatMap((i) => [i.name_zh, i.unit_zh]),
      ...units.units.map((u) => u.name_zh),
    ].join('');
    const missing = [...pdfFontChars(text)].filter((ch) => !covered.has(ch.codePointAt(0)!));
    expect(missing, 'run npx tsx geo/scripts/90-pdf-font.ts').toEqual([]);
  });

  it('leaves out rare characters (they are drawn as images)', () => {
    expect(covered.has('龘'.codePointAt(0)!)).toBe(false);
  });
});

describe('fonts of the build step', () => {
  it('takes one face out of a TrueType collection, tables unchanged', () => {
    // A collection of one face that is the subset itself.
    const ttc = new Uint8Array(16 + font.length);
    const v = new DataView(ttc.buffer);
    ttc.set([0x74, 0x74, 0x63, 0x66], 0); // 'ttcf'
    v.setUint32(4, 0x00010000);
    v.setUint32(8, 1);
    v.setUint32(12, 16);
    // Table offsets in a collection count from the file's start.
    ttc.set(font, 16);
    const n = v.getUint16(16 + 4);
    for (let i = 0; i < n; i++) v.setUint32(16 + 12 + 16 * i + 8, v.getUint32(16 + 12 + 16 * i + 8) + 16);
    const face = ttcFace(ttc, 0);
    expect(cmapCodePoints(face)).toEqual(covered);
    expect(glyphCount(face)).toBe(glyphCount(font));
    expect(() => ttcFace(ttc, 1)).toThrow(/1 faces/);
  });

  it('asks for the characters a standard PDF font cannot write', () => {
    expect([...pdfFontChars('每千人 beds → 5.1‰ “a” é\n')]).toEqual(['每', '千', '人', '→']);
  });
});

describe('PDF text with the embedded font', () => {
  it('splits a line into standard-font, CJK-font and image runs', () => {
    expect(pdfRuns('来源：NBS 2020 龘龘', (ch) => ch !== '龘')).toEqual([
      { text: '来源：', kind: 'font' },
      { text: 'NBS 2020 ', kind: 'latin' },
      { text: '龘龘', kind: 'image' },
    ]);
  });

  it('writes Chinese as text with the font metrics and embeds only the glyphs used', () => {
    // Uncompressed, so the content stream can be read below.
    const doc = new jspdf.jsPDF({ unit: 'pt', format: 'a4', compress: false });
    const cjk = addPdfCjkFont(doc, binary);
    expect(cjk).not.toBeNull();
    expect(cjk!.has('床')).toBe(true);
    expect(cjk!.has('龘')).toBe(false);
    const canvasMeasure = () => {
      throw new Error('no run may fall back to an image here');
    };
    const painter = new PdfPainter(jspdf, doc, 1, 96, 'sans-serif', canvasMeasure, () => undefined, cjk);
    const font = { size: 20, bold: false };
    // Hanzi are full-width: one em each.
    expect(painter.measure('床位', font)).toBeCloseTo(40, 0);
    expect(painter.measure('床位 beds', font)).toBeGreaterThan(40 + 20);
    painter.text('每千常住人口床位数（张/千人）2020', 40, 80, font, '#222');
    painter.text('河北省 石家庄市', 40, 120, { size: 14, bold: true }, 'rgba(0,0,0,0.8)');
    painter.text('数据来源', 40, 160, font, '#222');
    const pdf = Buffer.from(doc.output('arraybuffer'));
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/Identity-H');
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toContain('/Subtype /Image');
    expect(raw).toMatch(/\b2 Tr\b/); // bold: fill then stroke
    expect(raw).toMatch(/\b0 Tr\b/); // and back to fill for the next text
    // ≈20 glyphs of a 737 KB font (the font's cmap and widths are written whole).
    console.log(`PDF with 20 hanzi, uncompressed: ${pdf.length} B`);
    expect(pdf.length).toBeLessThan(150_000);
  });
});
