import type { Reader } from '../types.js';
import { extractText } from '../text-reader.js';
import { parseOfx } from './parse.js';

export { parseOfx } from './parse.js';

export const ofxReader: Reader = {
  format: 'ofx',
  detect: (head) => (/OFXHEADER|<OFX>|<\?OFX/i.test(head) ? 0.95 : 0),
  extract: (bytes, _o, d) => extractText('ofx', bytes, d),
  parse: (x) => ({ statement: parseOfx(x.text) }),
};
