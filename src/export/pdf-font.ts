// The CJK font of PDF figures: a TrueType subset of WenQuanYi Micro Hei (geo/build/fonts, built by
// geo/scripts/90-pdf-font.ts), fetched from the app's own origin the first time a PDF is made (it is a
// public file, not part of any bundle) and registered with each jsPDF document as an Identity-H font.
// jsPDF then embeds only the glyphs that document uses.
import type { jsPDF as JsPdf } from 'jspdf';

/** Path of the subset below the app's base URL. */
export const PDF_CJK_FONT_PATH = 'fonts/wqy-microhei-subset.ttf';
/** The font's name in jsPDF documents. */
export const PDF_CJK_FONT = 'WenQuanYiMicroHei';

/** The CJK font as registered with one document. */
export interface PdfCjkFont {
  name: string;
  /** True when the font has a glyph for the character (one BMP code point). */
  has(ch: string): boolean;
}

let loading: Promise<string | null> | undefined;

/** Bytes as a binary string, the form jsPDF's virtual file system takes. */
function binaryString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return s;
}

/**
 * The font file as a binary string, fetched once per page load; null (and a console warning) when it
 * cannot be had, in which case Chinese text is drawn as images as before. A failure is retried next time.
 */
export function loadPdfCjkFont(
  url = new URL(`${import.meta.env.BASE_URL}${PDF_CJK_FONT_PATH}`, window.location.href).href,
): Promise<string | null> {
  loading ??= fetch(url)
    .then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return binaryString(new Uint8Array(await r.arrayBuffer()));
    })
    .catch((e: unknown) => {
      console.warn(`PDF font ${url} not loaded (${String(e)}); Chinese text is drawn as images`);
      loading = undefined;
      return null;
    });
  return loading;
}

interface TtfMetadata {
  characterToGlyph(code: number): number;
}

/** Register the font file with a document; null when jsPDF cannot read it. */
export function addPdfCjkFont(doc: JsPdf, file: string): PdfCjkFont | null {
  const vfsName = `${PDF_CJK_FONT}.ttf`;
  try {
    doc.addFileToVFS(vfsName, file);
    doc.addFont(vfsName, PDF_CJK_FONT, 'normal', 'Identity-H');
    const font = doc.getFontList()[PDF_CJK_FONT]
      ? (doc.setFont(PDF_CJK_FONT, 'normal').getFont() as { metadata?: TtfMetadata })
      : undefined;
    const meta = font?.metadata;
    if (!meta) return null;
    const cache = new Map<string, boolean>();
    return {
      name: PDF_CJK_FONT,
      has(ch) {
        let v = cache.get(ch);
        if (v === undefined) {
          const c = ch.codePointAt(0)!;
          v = ch.length === 1 && c <= 0xffff && meta.characterToGlyph(c) !== 0;
          cache.set(ch, v);
        }
        return v;
      },
    };
  } catch (e) {
    console.warn(`PDF font not usable (${String(e)}); Chinese text is drawn as images`);
    return null;
  }
}
