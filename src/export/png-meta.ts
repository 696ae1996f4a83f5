// PNG metadata: a pHYs chunk so word processors place a 300-dpi figure at its paper size instead of
// at 96 dpi (3508 px would otherwise come out ~93 cm wide). Pure bytes in, bytes out.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Return the PNG with a pHYs chunk saying `dpi` (replacing any there was).
 * @example readPngDpi(withPngDpi(png, 300)) // → 300
 */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('Not a PNG file');
  const ppm = Math.round(dpi / 0.0254);
  const data = new Uint8Array(9);
  const dv = new DataView(data.buffer);
  dv.setUint32(0, ppm);
  dv.setUint32(4, ppm);
  data[8] = 1; // unit: metre
  const phys = chunk('pHYs', data);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  let offset = 8;
  let inserted = false;
  while (offset < png.length) {
    const len = new DataView(png.buffer, png.byteOffset + offset, 4).getUint32(0);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const end = offset + 12 + len;
    if (type !== 'pHYs') parts.push(png.subarray(offset, end));
    // pHYs must come before the first IDAT; right after IHDR is always valid.
    if (type === 'IHDR' && !inserted) {
      parts.push(phys);
      inserted = true;
    }
    offset = end;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The dpi a PNG's pHYs chunk declares, or null. */
export function readPngDpi(png: Uint8Array): number | null {
  let offset = 8;
  while (offset + 8 <= png.length) {
    const dv = new DataView(png.buffer, png.byteOffset + offset);
    const len = dv.getUint32(0);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (type === 'pHYs' && dv.getUint8(16) === 1) return Math.round(dv.getUint32(8) * 0.0254);
    if (type === 'IDAT') return null;
    offset += 12 + len;
  }
  return null;
}
