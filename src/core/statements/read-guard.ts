import { XMLValidator } from 'fast-xml-parser';
import { FinchError } from '../errors/index.js';
import type { StatementFormat } from './types.js';

/**
 * The read stage's boundary: whatever a reader throws on a malformed file (a parser's own error,
 * a stack overflow on deep nesting, pdf.js on a circular page tree) becomes one FinchError line
 * naming the file. Readers need not each anticipate every way a file can be broken.
 */
export function asReadError(e: unknown, filename: string, format?: StatementFormat): FinchError {
  if (e instanceof FinchError) {
    if (e.message.includes(filename)) return e;
    return new FinchError(e.code, `${filename}: ${e.message}`, { cause: e, subject: e.subject });
  }
  const raw = e instanceof Error ? e.message : String(e);
  const first = raw.split('\n')[0]!.slice(0, 200) || (e instanceof Error ? e.name : 'unknown error');
  const reason = e instanceof RangeError && /call stack/i.test(raw) ? 'it is nested too deeply' : first;
  return new FinchError('INVALID_INPUT', `${filename} is not a readable ${format ? `${format.toUpperCase()} ` : ''}file: ${reason}`, { cause: e });
}

/** Deeper than any real CAMT (about 12 levels) by far, and well inside what the parser can take. */
const MAX_XML_DEPTH = 200;

/**
 * XML statements are checked before they are read: well-formed, no DOCTYPE (entity declarations
 * are how XML bombs and external fetches start; no bank statement needs one), bounded nesting.
 */
export function checkXml(text: string, filename: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new FinchError('INVALID_INPUT', `${filename}: XML with a DOCTYPE or entity declarations is refused (bank statements never need one)`);
  }
  const depth = maxDepth(text);
  if (depth > MAX_XML_DEPTH) throw new FinchError('INVALID_INPUT', `${filename}: XML nested ${depth} levels deep (finch reads up to ${MAX_XML_DEPTH})`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const open = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg);
    if (open) {
      const names = open[1]!.split(',').map((n) => n.trim().replace(/^"|"$/g, ''));
      throw new FinchError('INVALID_INPUT', `${filename} is not well-formed XML: it ends inside <${names.at(-1)}> (${names.length} element(s) never closed; cut short?)`);
    }
    throw new FinchError('INVALID_INPUT', `${filename} is not well-formed XML: line ${valid.err.line}: ${valid.err.msg}`);
  }
}

/** Element nesting depth, counted without building a tree (a cheap upper bound: comments and CDATA are skipped roughly). */
function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[1]) depth--;
    else if (!m[3]) {
      depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}
