import chardet from 'chardet';
import iconv from 'iconv-lite';

const MULTIBYTE = /^(Shift_JIS|EUC-JP|GB18030|Big5|EUC-KR|ISO-2022-JP)$/;
const CYRILLIC = /^(windows-1251|KOI8-R|ISO-8859-5)$/;
const SINGLE_BYTE = ['windows-1252', 'windows-1250', 'windows-1257'] as const;

function utf16Without(bytes: Uint8Array): 'utf16le' | 'utf16be' | null {
  const n = Math.min(bytes.length, 2000) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero > n / 2 * 0.3 && evenZero < n / 2 * 0.05) return 'utf16le';
  if (evenZero > n / 2 * 0.3 && oddZero < n / 2 * 0.05) return 'utf16be';
  return null;
}

/** How plausible a single-byte decoding is: non-ASCII letters inside words count for it, symbols inside words against. */
function plausibility(text: string): number {
  let score = 0;
  for (const m of text.matchAll(/[^\x00-\x7f]/g)) {
    const i = m.index;
    const near = /\p{L}/u.test(text[i - 1] ?? '') || /\p{L}/u.test(text[i + 1] ?? '');
    const letter = /\p{L}/u.test(m[0]);
    if (letter && near) score++;
    else if (!letter && near && !/[€£¥°§«»\u00a0]/.test(m[0])) score -= 2;
    if (/[\u0080-\u009f]/.test(m[0])) score -= 3;
  }
  return score;
}

export interface Decoded {
  text: string;
  encoding: string;
}

/**
 * Decodes export bytes: a BOM decides (UTF-8, UTF-16LE/BE); UTF-16 without a BOM is seen by its
 * zero bytes; valid UTF-8 is UTF-8; otherwise chardet names East-Asian and Cyrillic encodings, and
 * among the Western, Central-European and Baltic Windows code pages the one whose non-ASCII
 * characters read as letters inside words wins (ties go to windows-1252).
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16-be'), encoding: 'utf-16be' };
  const wide = utf16Without(buf);
  if (wide) return { text: iconv.decode(buf, wide), encoding: wide === 'utf16le' ? 'utf-16le' : 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // not UTF-8: guess below
  }
  const guess = chardet.analyse(buf.subarray(0, 64 * 1024))[0];
  if (guess && guess.confidence >= 50 && (MULTIBYTE.test(guess.name) || CYRILLIC.test(guess.name)) && iconv.encodingExists(guess.name)) {
    return { text: iconv.decode(buf, guess.name), encoding: guess.name.toLowerCase() };
  }
  const sample = buf.subarray(0, 256 * 1024);
  let best: { enc: string; score: number } = { enc: SINGLE_BYTE[0], score: -Infinity };
  for (const enc of SINGLE_BYTE) {
    const score = plausibility(iconv.decode(sample, enc));
    if (score > best.score) best = { enc, score };
  }
  return { text: iconv.decode(buf, best.enc), encoding: best.enc };
}
