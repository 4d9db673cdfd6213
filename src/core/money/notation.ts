/**
 * Reads a number written the way people and banks write them and returns a plain decimal string
 * ("1234.56"), or null when the text is not one number.
 *
 * Handles 1,234.56 · 1.234,56 · 1 234,56 · 1'234.56 · 1,20,000 (Indian grouping) · 41,87 · 12.5.
 * A lone separator followed by exactly three digits is ambiguous ("1,850", "1.234"): `decimal`
 * says which character is the decimal mark when the caller knows (a statement's detected format);
 * otherwise "," is taken as grouping and "." as the decimal mark, the reading most people mean.
 */
export function readNumber(text: string, decimal?: '.' | ','): string | null {
  let s = text.trim().replace(/[\u00a0\u202f\u2009 ']/g, (ch, offset: number, whole: string) =>
    // spaces and apostrophes only count as grouping between digits
    /\d/.test(whole[offset - 1] ?? '') && /\d/.test(whole[offset + 1] ?? '') ? '' : ch,
  );
  if (!/^\d[\d.,]*$/.test(s) && !/^[.,]\d+$/.test(s)) return null;
  if (/^[.,]/.test(s)) s = `0${s}`;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalMark: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalMark = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const count = s.split(mark).length - 1;
    const after = s.length - s.lastIndexOf(mark) - 1;
    if (count > 1) decimalMark = null; // 1.234.567 or 1,20,000: grouping only
    else if (after !== 3) decimalMark = mark;
    else if (decimal) decimalMark = mark === decimal ? mark : null;
    else decimalMark = mark === '.' ? '.' : null;
    if (decimal && mark !== decimal && count === 1 && after !== 3) {
      // "12,5" in a document whose decimal mark is "." is not a number we can trust
      return null;
    }
  }
  const groupMark = decimalMark === '.' ? ',' : decimalMark === ',' ? '.' : lastDot >= 0 ? '.' : ',';
  const [intPart = '', fracPart] = decimalMark ? splitLast(s, decimalMark) : [s, undefined];
  if (fracPart !== undefined && !/^\d+$/.test(fracPart)) return null;
  if (!validGrouping(intPart, groupMark)) return null;
  const digits = intPart.split(groupMark).join('');
  const whole = digits.replace(/^0+(?=\d)/, '');
  return fracPart !== undefined ? `${whole}.${fracPart}` : whole;
}

function splitLast(s: string, mark: string): [string, string] {
  const i = s.lastIndexOf(mark);
  return [s.slice(0, i), s.slice(i + 1)];
}

function validGrouping(intPart: string, mark: string): boolean {
  if (!intPart.includes(mark)) return /^\d+$/.test(intPart);
  const groups = intPart.split(mark);
  const [first, ...rest] = groups;
  if (!first || !/^\d{1,3}$/.test(first)) return false;
  if (rest.length === 0) return true;
  const last = rest[rest.length - 1]!;
  if (!/^\d{3}$/.test(last)) return false;
  const middle = rest.slice(0, -1);
  // Western grouping is all threes; Indian grouping is twos before the final three.
  return middle.every((g) => /^\d{3}$/.test(g)) || middle.every((g) => /^\d{2}$/.test(g));
}
