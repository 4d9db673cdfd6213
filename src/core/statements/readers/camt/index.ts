import type { Reader } from '../types.js';
import { extractText } from '../text-reader.js';
import { parseCamt } from './parse.js';

export { parseCamt, type CamtOptions } from './parse.js';

export const camtReader: Reader = {
  format: 'camt',
  detect: (head) => (/camt\.05[234]|<(?:\w+:)?BkToCstmr(?:Stmt|AcctRpt|DbtCdtNtfctn)>/i.test(head) ? 0.95 : 0),
  extract: (bytes, _o, d) => extractText('camt', bytes, d),
  parse: (x, o) => ({ statement: parseCamt(x.text, { date: o.camtDate }) }),
};
