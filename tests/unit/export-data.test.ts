import { describe, expect, it } from 'vitest';
import { buildChoropleth } from '../../src/core/choropleth.ts';
import { attributionLine, figureTexts, shownSources, sourcesLine } from '../../src/export/content.ts';
import { csvCell, CSV_COLUMNS, UTF8_BOM, viewCsv, viewGeoJson, viewRows } from '../../src/export/data.ts';
import { crc32, readPngDpi, withPngDpi } from '../../src/export/png-meta.ts';
import { isWinAnsi, splitRuns } from '../../src/export/pdf-text.ts';
import { data, sources, square, state } from '../fixtures/view/small-dataset.ts';

const values = data.values(state.indicator, state.year, state.level);
const choropleth = buildChoropleth(data.codesAt('city'), (c) => values.get(c)?.value, {
  method: 'equal',
  classes: 2,
  customBreaks: [],
  palette: 'viridis',
});

describe('CSV cells are safe to open in a spreadsheet', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+1', '-cmd', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(s).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('leaves numbers, including negative ones, as numbers', () => {
    expect(csvCell(-38.5)).toBe('-38.5');
    expect(csvCell('-38.5')).toBe('-38.5');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('石家庄市')).toBe('石家庄市');
  });
});

describe('data behind the view', () => {
  it('lists every displayed unit, missing values left empty', () => {
    const rows = viewRows(data, state);
    expect(rows.map((r) => r.code)).toEqual(['130100', '130200', '130300']);
    expect(rows[0]).toMatchObject({
      name_zh: '石家庄市',
      value: -38.5,
      source_title: sources[0]!.title,
      confidence: 'high',
    });
    expect(rows[2]).toMatchObject({ value: null, source_title: '', confidence: '' });
  });

  it('writes a UTF-8 CSV with BOM, CRLF and neutralised formulas', () => {
    const csv = viewCsv(data, state);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(5); // header, 3 units, final empty
    expect(lines[1]).toBe(
      '130100,石家庄市,Shijiazhuang,pm25_change_vs_2013,2020,-38.5,%,"Hebei communiqué, ""2020"", table 3",https://example.org/a,high,environment',
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[3]).toBe("130300,'=1+1,'@SUM(A1),pm25_change_vs_2013,2020,,%,,,,environment");
    // Nothing in the file starts a cell with a formula character except plain numbers.
    for (const cell of lines.slice(1).join(',').split(',')) expect(/^[=+@]/.test(cell)).toBe(false);
  });

  it('gives GeoJSON of the displayed units with values and class colours', () => {
    const gj = viewGeoJson(data, state, choropleth);
    expect(gj.features).toHaveLength(3);
    const [a, b, c] = gj.features.map((f) => f.properties!);
    expect(a).toMatchObject({
      code: '130100',
      value: -38.5,
      no_data: false,
      color: choropleth.colorByCode.get('130100'),
    });
    expect(b!.color).not.toBe(a!.color);
    expect(c).toMatchObject({ code: '130300', value: null, no_data: true, color: null });
    expect(gj.features[0]!.geometry).toEqual(square(115, 39));
  });
});

describe('figure texts', () => {
  it('build title, legend rows, sources and attribution in the chosen language', () => {
    const en = figureTexts({ data, state, choropleth }, 'en', '2025-01-02');
    expect(en.title).toBe('PM2.5 change since 2013 · 2020');
    expect(en.rows.map((r) => r.kind)).toEqual(['fill', 'fill', 'nodata', 'outline']);
    expect(en.rows[2]).toMatchObject({ label: 'No data', count: '(1)' });
    expect(en.rows[3]!.label).toBe('Selected: Tangshan');
    expect(en.sources).toMatch(/^Sources: Hebei communiqué/);
    expect(en.attribution).toContain('Natural Earth');
    expect(en.attribution).toContain('2025-01-02');
    const zh = figureTexts({ data, state, choropleth }, 'zh', '2025-01-02', { title: '自定义标题' });
    expect(zh.title).toBe('自定义标题');
    expect(zh.rows[3]!.label).toBe('选中：唐山市');
    expect(zh.sources).toMatch(/^来源：/);
    expect(zh.north).toBe('北');
  });

  it('lists the sources of the values shown, once each', () => {
    expect(shownSources({ data, state }).map((s) => s.id)).toEqual(['s1', 's2']);
    expect(sourcesLine([], 'en')).toMatch(/none/);
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, title: `Source ${i}`, url: '' }));
    expect(sourcesLine(many, 'en')).toMatch(/^Sources \(12; all in the CSV download\): Source 0; /);
    expect(sourcesLine(many, 'en')).not.toContain('Source 8');
    expect(attributionLine('zh', '2025-01-02')).toContain('底图');
  });
});

describe('PNG metadata', () => {
  // A 1×1 PNG (IHDR, IDAT, IEND).
  const png = Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('writes a pHYs chunk with the dpi, once', () => {
    expect(readPngDpi(png)).toBeNull();
    const at300 = withPngDpi(png, 300);
    expect(readPngDpi(at300)).toBe(300);
    expect(readPngDpi(withPngDpi(at300, 150))).toBe(150);
    expect(withPngDpi(at300, 150).length).toBe(at300.length);
  });
});

describe('PDF text runs', () => {
  it('keeps Latin-1 and CP1252 punctuation as real text and splits out Chinese', () => {
    expect(['a', 'é', '²', '–', '—', '“', '€', '·'].every(isWinAnsi)).toBe(true);
    expect(['京', '：', '（', 'μ'].some(isWinAnsi)).toBe(false);
    expect(splitRuns('来源：NBS 2020; 北京')).toEqual([
      { text: '来源：', latin: false },
      { text: 'NBS 2020; ', latin: true },
      { text: '北京', latin: false },
    ]);
  });
});
