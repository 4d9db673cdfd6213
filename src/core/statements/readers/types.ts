import type { ReadOptions } from '../read.js';
import type { ExtractedDocument, ParsedStatement, StatementFormat } from '../types.js';

/** What a reader's extract stage hands its parse stage. */
export interface Extracted {
  document: ExtractedDocument;
  /** Decoded text, for text formats. */
  text: string;
  /** Reader-specific material (the opened PDF). */
  payload?: unknown;
}

export interface ReaderOutput {
  statement: ParsedStatement;
  /** The CSV column mapping used (inferred or saved), in saved-mapping form. */
  csvMapping?: unknown;
}

/**
 * One statement format. The pipeline asks every reader how sure it is that a file is its format
 * and runs the surest one's stages; it never branches on a format itself.
 */
export interface Reader {
  format: StatementFormat;
  /** 0 (not this format) … 1 (certain), from the decoded first bytes and the file name. */
  detect(head: string, filename: string, bytes: Uint8Array): number;
  /** Opens an encrypted file (PDF); readers of plain text formats leave this out. */
  decrypt?(bytes: Uint8Array, options: ReadOptions, details: Record<string, unknown>): Promise<unknown>;
  extract(bytes: Uint8Array, options: ReadOptions, details: Record<string, unknown>, opened: unknown): Promise<Extracted> | Extracted;
  parse(extracted: Extracted, options: ReadOptions): Promise<ReaderOutput> | ReaderOutput;
}
