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
  /** A CSV column mapping for this read, overriding detection (`finch statement map` previews with it). */
  csvMapping?: unknown;
  /** Saved CSV mappings by header fingerprint; the one matching the file applies by itself. */
  csvMappings?: ReadonlyArray<{ fingerprint: string; mapping: unknown }>;
  /** CAMT rows carry the booking date (default) or the value date. */
  camtDate?: 'booking' | 'value';
  /** The saved layout profile for a PDF's layout fingerprint, when the user taught finch one. */
  layoutProfile?: (doc: ExtractedDocument) => Promise<import('./system-parser/index.js').LayoutProfile | null>;
  /** The account's currency, for text formats that do not name one. */
  currency?: import('../money/index.js').CurrencyCode;
  onProgress?: ProgressListener;
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
  const { detectFormat } = await import('./readers/index.js');
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
  const { readerFor } = await import('./readers/index.js');
  const reader = readerFor(format);
  const opened = await runStage(stages, 'decrypt', progress, async (d) => {
    if (reader.decrypt) return reader.decrypt(bytes, options, d);
    d.password = 'none';
    d.reason = `${format.toUpperCase()} files are not encrypted`;
    return undefined;
  });
  const extracted = await runStage(stages, 'extract', progress, (d) => reader.extract(bytes, options, d, opened));
  // XML is checked before any XML parser sees it (read-guard.ts).
  if (format === 'camt') checkXml(extracted.document.rawText, options.filename);
  let csvMapping: unknown;
  const result = await runStage(stages, 'parse', progress, async (d) => {
    const r = await parseWith(
      options,
      async () => {
        const out = await reader.parse(extracted, options);
        csvMapping = out.csvMapping;
        return out.statement;
      },
      extracted.document.rawText,
      notes,
    );
    Object.assign(d, summary(r.statement), { parser: r.parser }, r.statement.layoutProfile ? { layoutProfile: r.statement.layoutProfile } : {});
    return r;
  });
  return { format, document: extracted.document, statement: result.statement, ...(csvMapping !== undefined ? { csvMapping } : {}), parser: result.parser, notes, stages };
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
