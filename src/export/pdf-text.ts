// Which characters jsPDF's built-in (standard 14) fonts can write: WinAnsiEncoding, i.e. Latin-1
// plus the CP1252 extras (dashes, curly quotes, €, …). Everything else (Chinese) is written with the
// embedded CJK font (pdf-font.ts) where it has the glyph, else drawn as an image. Pure.

const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.split('').map((c) => c.codePointAt(0)!));

/** True when a standard PDF font can encode the character. */
export function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || CP1252_EXTRAS.has(c);
}

export interface TextRun {
  text: string;
  /** Writable as real text with a standard font. */
  latin: boolean;
}

/**
 * Split a line into runs of standard-font text and runs that need a CJK-capable font.
 * @example splitRuns('来源：NBS 2020') // → [{ text: '来源：', latin: false }, { text: 'NBS 2020', latin: true }]
 */
export function splitRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const ch of text) {
    const latin = isWinAnsi(ch);
    const last = runs[runs.length - 1];
    if (last && last.latin === latin) last.text += ch;
    else runs.push({ text: ch, latin });
  }
  return runs;
}

export interface PdfRun {
  text: string;
  /** `latin`: a standard font; `font`: the embedded CJK font; `image`: neither has the glyph. */
  kind: 'latin' | 'font' | 'image';
}

/**
 * Split a line into runs by how the PDF writes them: standard-font text, text in the embedded CJK
 * font (characters `inFont` accepts), and the rest, drawn as images.
 * @example pdfRuns('来源：NBS \u9f98', (ch) => ch !== '\u9f98') // → [{ text: '来源：', kind: 'font' }, { text: 'NBS ', kind: 'latin' }, { text: '\u9f98', kind: 'image' }]
 */
export function pdfRuns(text: string, inFont: (ch: string) => boolean): PdfRun[] {
  const runs: PdfRun[] = [];
  for (const ch of text) {
    const kind = isWinAnsi(ch) ? 'latin' : inFont(ch) ? 'font' : 'image';
    const last = runs[runs.length - 1];
    if (last && last.kind === kind) last.text += ch;
    else runs.push({ text: ch, kind });
  }
  return runs;
}
