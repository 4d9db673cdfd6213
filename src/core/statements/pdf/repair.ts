/**
 * A PDF whose trailer or cross-reference table was lost (a cut download, a bad edit) still holds
 * its objects. pdf.js rebuilds the table by scanning objects when it finds a trailer to start
 * from; this appends one that points at the document's catalog, so such files open.
 * Returns null when there is no catalog to point at (nothing to repair from).
 */
export function withRebuiltTrailer(bytes: Uint8Array): Uint8Array | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let catalog: { num: string; gen: string } | undefined;
  let size = 0;
  for (const m of text.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)) {
    const num = Number(m[1]);
    size = Math.max(size, num + 1);
    if (catalog) continue;
    const end = text.indexOf('endobj', m.index);
    const body = text.slice(m.index, end === -1 ? m.index + 2048 : end);
    if (/\/Type\s*\/Catalog\b/.test(body)) catalog = { num: m[1]!, gen: m[2]! };
  }
  if (!catalog) return null;
  const trailer = Buffer.from(`\ntrailer\n<< /Size ${size} /Root ${catalog.num} ${catalog.gen} R >>\nstartxref\n0\n%%EOF\n`, 'latin1');
  const out = new Uint8Array(bytes.byteLength + trailer.byteLength);
  out.set(bytes, 0);
  out.set(trailer, bytes.byteLength);
  return out;
}
