import type { Reader } from '../types.js';
import { extractText } from '../text-reader.js';
import { parseMt940 } from './parse.js';

export { parseMt940, narrative } from './parse.js';

export const mt940Reader: Reader = {
  format: 'mt940',
  detect: (head) => (/^(?:\{4:)?:20:/m.test(head) && /^:(?:25|28C|60[FM]|61):/m.test(head) ? 0.95 : 0),
  extract: (bytes, _o, d) => extractText('mt940', bytes, d),
  parse: (x) => ({ statement: parseMt940(x.text) }),
};
