import { FinchError } from '../errors/index.js';
import type { ExtractedDocument, ParsedStatement, StatementFormat } from './types.js';
import { type ProgressListener, type StageRecord, runStage } from './stages.js';
import { asReadError, checkXml } from './read-guard.js';

export type ParserChoice = 'system' | 'ai';

export interface ReadOptions {
  filename: string;
  password?: string;
  /** Saved passwords to try in turn when the PDF is locked and no password was given. */
  candidatePasswords?: Array<{ label: string; password: string }>;
  parser?: ParserChoice;
  /** The AI statement parser (raw text → statement); absent means AI is not available. */
  aiParse?: (rawText: string) => Promise<ParsedStatement>;
  /** A saved CSV column mapping for the account, overriding detection. */
  csvMapping?: unknown;
  /** The account's currency, for text formats that do not name one. */
  currency?: import('../money/index.js').CurrencyCode;
  onProgress?: ProgressListener;
  /** The saved layout profile for a PDF's layout, if any (layout-profiles.ts). */
  layoutProfile?: (doc: ExtractedDocument) => Promise<import('./system-parser/index.js').LayoutProfile | null>;
  /** Stage records are appended here (the caller keeps them even when a stage throws). */
  stages?: StageRecord[];
}

export interface ReadResult {
  format: StatementFormat;
  document: ExtractedDocument;
  statement: ParsedStatement;
  /** The CSV mapping detected or used, to save for the account. */
  csvMapping?: unknown;
  parser: ParserChoice;
  notes: string[];
  stages: StageRecord[];
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Checks that cost nothing and write nothing: size and format. */
export async function preflight(bytes: Uint8Array, filename: string, maxBytes = DEFAULT_MAX_BYTES): Promise<StatementFormat> {
  if (bytes.length === 0) throw new FinchError('INVALID_INPUT', `${filename} is empty`);
  if (bytes.length > maxBytes) {
    throw new FinchError('INVALID_INPUT', `${filename} is ${(bytes.length / 2 ** 20).toFixed(1)} MiB, over the ${Number((maxBytes / 2 ** 20).toFixed(3))} MiB limit (FINCH_MAX_FILE_MB)`);
  }
  const { detectFormat } = await import('./formats/index.js');
  return detectFormat(bytes, filename);
}

/**
 * decrypt → extract → parse, each timed into `stages`. Writes nothing: `finch statement parse`
 * is this alone, and the import pipeline continues from its result.
 */
export async function readStatement(bytes: Uint8Array, format: StatementFormat, options: ReadOptions): Promise<ReadResult> {
  try {
    return await readUnguarded(bytes, format, options);
  } catch (e) {
    throw asReadError(e, options.filename, format);
  }
}

async function readUnguarded(bytes: Uint8Array, format: StatementFormat, options: ReadOptions): Promise<ReadResult> {
  const stages: StageRecord[] = options.stages ?? [];
  const notes: string[] = [];
  const progress = options.onProgress;
  let document: ExtractedDocument;
  let csvMapping: unknown;

  if (format === 'pdf') {
    const pdf = await import('./pdf-statement.js');
    // pdf.js decrypts while it loads, so decrypt and extract share one pass; the decrypt stage
    // records which password opened the file.
    const opened = await runStage(stages, 'decrypt', progress, async (d) => {
      const doc = await pdf.extractPdf(bytes, {
        filename: options.filename,
        password: options.password,
        candidatePasswords: options.candidatePasswords?.map((c) => c.password),
      });
      d.password = doc.usedPassword;
      if (doc.usedPassword === 'saved' && doc.savedPasswordIndex !== undefined) d.savedPassword = options.candidatePasswords?.[doc.savedPasswordIndex]?.label;
      return doc;
    });
    document = await runStage(stages, 'extract', progress, (d) => {
      Object.assign(d, { pages: opened.pages, ocr: opened.ocr, ocrPages: opened.ocrPages, lines: opened.lines.length, characters: opened.rawText.length });
      return opened;
    });
    const parseDoc = pdf.parseDocument;
    const profile = options.layoutProfile ? await options.layoutProfile(document) : null;
    const statement = await runStage(stages, 'parse', progress, async (d) => {
      const result = await parseWith(options, () => parseDoc(document, { profile }), document.rawText, notes);
      if (profile) d.layoutProfile = profile.fingerprint;
      Object.assign(d, summary(result.statement), { parser: result.parser });
      return result;
    });
    return { format, document, statement: statement.statement, parser: statement.parser, notes, stages };
  }

  const formats = await import('./formats/index.js');
  await runStage(stages, 'decrypt', progress, (d) => {
    d.password = 'none';
    d.reason = `${format.toUpperCase()} files are not encrypted`;
  });
  const text = await runStage(stages, 'extract', progress, (d) => {
    const t = formats.decodeText(bytes);
    d.characters = t.length;
    if (format === 'camt') checkXml(t, options.filename);
    return t;
  });
  document = formats.textToDocument(format, text);
  const result = await runStage(stages, 'parse', progress, async (d) => {
    const r = await parseWith(
      options,
      () => {
        if (format === 'csv') {
          const out = formats.parseCsv(text, { mapping: options.csvMapping as never, currency: options.currency });
          csvMapping = out.mapping;
          return out.parsed;
        }
        return formats.parseTextStatement(format, text, { currency: options.currency });
      },
      text,
      notes,
    );
    Object.assign(d, summary(r.statement), { parser: r.parser });
    return r;
  });
  return { format, document, statement: result.statement, csvMapping, parser: result.parser, notes, stages };
}

async function parseWith(
  options: ReadOptions,
  system: () => ParsedStatement | Promise<ParsedStatement>,
  rawText: string,
  notes: string[],
): Promise<{ statement: ParsedStatement; parser: ParserChoice }> {
  if (options.parser === 'ai') {
    if (!options.aiParse) {
      notes.push('no AI provider is configured; used the system parser');
    } else {
      try {
        return { statement: await options.aiParse(rawText), parser: 'ai' };
      } catch (e) {
        if (!(e instanceof FinchError) || (e.code !== 'AI_UNAVAILABLE' && e.code !== 'RATE_LIMITED')) throw e;
        notes.push(`${e.message}; used the system parser`);
      }
    }
  }
  return { statement: await system(), parser: 'system' };
}

function summary(s: ParsedStatement): Record<string, unknown> {
  return {
    rows: s.transactions.length,
    currency: s.currency,
    period: s.period,
    openingBalance: s.openingBalance,
    closingBalance: s.closingBalance,
    reconciled: s.reconciled,
    warnings: s.warnings,
  };
}
