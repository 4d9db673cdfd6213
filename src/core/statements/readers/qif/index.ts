import type { Reader } from '../types.js';
import { extractText } from '../text-reader.js';
import { parseQif } from './parse.js';

export { parseQif } from './parse.js';

export const qifReader: Reader = {
  format: 'qif',
  detect: (head) => (/^\s*!(Type|Account|Option|Clear)/im.test(head) ? 0.9 : 0),
  extract: (bytes, _o, d) => extractText('qif', bytes, d),
  parse: (x, o) => ({ statement: parseQif(x.text, o.currency ?? null) }),
};
