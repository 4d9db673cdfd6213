import type { Reader } from '../types.js';
import { extractText } from '../text-reader.js';
import { parseCsv } from './parse.js';

export { parseCsv, type CsvOptions, type CsvResult } from './parse.js';
export { csvMappingSchema, layoutOf, type CsvMapping, type SavedCsvMapping } from './mapping.js';
export { detectDelimiter, splitRows } from './split.js';

/** Delimited text: the fallback for any text with at least two lines that split on one delimiter. */
export const csvReader: Reader = {
  format: 'csv',
  detect(head) {
    const controls = (head.match(/[\x00-\x08\x0b\x0e-\x1f]/g) ?? []).length;
    const lines = head.split(/\r?\n/).filter((l) => l.trim());
    if (controls > head.length * 0.01 || lines.length < 1) return 0;
    return lines.slice(0, 40).some((l) => /[,;\t|]/.test(l)) ? 0.2 : 0;
  },
  extract: (bytes, _options, d) => extractText('csv', bytes, d),
  parse(extracted, options) {
    const out = parseCsv(extracted.text, { mapping: options.csvMapping, saved: options.csvMappings, currency: options.currency });
    return { statement: out.parsed, csvMapping: out.mapping };
  },
};
