import type { CalendarDate } from '../calendar/index.js';
import type { CurrencyCode } from '../money/index.js';

export type StatementFormat = 'pdf' | 'csv' | 'ofx' | 'qif' | 'camt' | 'mt940';

export interface PositionedWord {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextLine {
  page: number;
  y: number;
  words: PositionedWord[];
  text: string;
}

/** What the extract stage hands the parser: every line of every page, in reading order. */
export interface ExtractedDocument {
  format: StatementFormat;
  pages: number;
  /** Any page went through OCR. */
  ocr: boolean;
  ocrPages: number[];
  /** Which OCR engine read the scanned pages ('tesseract' native, or 'tesseract.js'), and with which language data. */
  ocrEngine?: string;
  ocrLanguages?: string[];
  lines: TextLine[];
  /** The whole text, pages separated by \f. */
  rawText: string;
  usedPassword: 'none' | 'given' | 'saved';
  savedPasswordIndex?: number;
}

export interface ParsedRow {
  date: CalendarDate;
  description: string;
  /** Signed decimal: negative is money out of the account holder's pocket. */
  amount: string;
  /** 0..1 */
  confidence: number;
  /** The running balance, when printed. */
  balance?: string | null;
  /** Where the row came from, for the comparison view. */
  source: { page: number; lineIndexes: number[]; text: string };
  /** A stable id printed by the source (OFX FITID, CAMT AcctSvcrRef). */
  importKey?: string;
  /** Why the confidence is low. */
  reviewReasons?: string[];
  /** The amount exactly as printed when it carried more decimals than the currency (`amount` is rounded half to even). */
  exactAmount?: string;
}

/** One account's part of a file that holds several (OFX, QIF, CAMT, MT940): rows firstRow..lastRow. */
export interface StatementSection {
  accountNumber: string | null;
  currency: CurrencyCode | null;
  /** Indexes of the section's first and last row in `transactions`. */
  firstRow: number;
  lastRow: number;
  openingBalance: string | null;
  closingBalance: string | null;
  /** Whether opening + the section's rows = closing, when the reader checked it per section. */
  reconciled?: boolean | null;
}

export interface ParsedStatement {
  format: StatementFormat;
  currency: CurrencyCode | null;
  period: { start: CalendarDate; end: CalendarDate } | null;
  openingBalance: string | null;
  closingBalance: string | null;
  /** opening + sum(rows) = closing; null when the statement prints no balances. */
  reconciled: boolean | null;
  /** Masked or last digits, when printed. */
  accountNumber: string | null;
  institution: string | null;
  transactions: ParsedRow[];
  /**
   * Rows the reader saw but could not read (an impossible date, an amount it cannot make out…):
   * never dropped in silence, the pipeline keeps each as an `unread` statement row with its reason.
   */
  unread?: UnreadRow[];
  warnings: string[];
  /** Set when the file holds several accounts or statements; balances are then checked per section. */
  sections?: StatementSection[];
  /** The fingerprint of the layout profile that read this statement, when one did. */
  layoutProfile?: string;
}

export interface UnreadRow {
  source: { page: number; lineIndexes: number[]; text: string };
  reason: string;
}
