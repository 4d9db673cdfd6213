import { simpleParser, type AddressObject } from 'mailparser';
import { compile } from 'html-to-text';

/** A message reduced to what the parser reads: no body is kept past this unless the user asks. */
export interface MailContent {
  messageId: string | null;
  fromAddress: string;
  fromName: string;
  subject: string;
  /** The Date header as sent; `dateOffsetMinutes` is the sender's UTC offset, to find their calendar day. */
  date: Date | null;
  dateOffsetMinutes: number;
  /** Plain text: the text part, else the HTML part converted to text. */
  text: string;
  attachments: Array<{ filename: string; contentType: string; bytes: Uint8Array }>;
}

/** Tables become lines, links and images are dropped (their URLs are noise). */
const toText = compile({
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, colSpacing: 2, maxColumnWidth: 200 } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  });

/** HTML mail to text (the converter is compiled once: a sync reads thousands of mails). */
export function htmlToText(html: string): string {
  return toText(html);
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): { address: string; name: string } {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  const v = list[0]?.value[0];
  return { address: (v?.address ?? '').toLowerCase(), name: v?.name ?? '' };
}

function offsetOf(rawDate: string | undefined): number {
  const m = /([+-])(\d{2})(\d{2})\s*(?:\(.*\))?\s*$/.exec(rawDate ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Reads raw RFC 822 bytes (any transfer encoding and charset mailparser knows). */
export async function readMail(raw: Uint8Array | Buffer): Promise<MailContent> {
  const parsed = await simpleParser(Buffer.from(raw), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const from = firstAddress(parsed.from);
  const dateLine = parsed.headerLines.find((h) => h.key === 'date')?.line.replace(/^date:\s*/i, '');
  const text = parsed.text?.trim() ? parsed.text : typeof parsed.html === 'string' ? htmlToText(parsed.html) : '';
  return {
    messageId: parsed.messageId ? parsed.messageId.replace(/^<|>$/g, '') : null,
    fromAddress: from.address,
    fromName: from.name,
    subject: parsed.subject ?? '',
    date: parsed.date ?? null,
    dateOffsetMinutes: offsetOf(dateLine),
    text,
    attachments: parsed.attachments
      .filter((a) => a.contentDisposition === 'attachment' || a.filename)
      .map((a) => ({ filename: a.filename ?? 'attachment', contentType: a.contentType, bytes: new Uint8Array(a.content) })),
  };
}

/** The sender's calendar day of the Date header. */
export function headerDay(c: Pick<MailContent, 'date' | 'dateOffsetMinutes'>): string | null {
  if (!c.date) return null;
  return new Date(c.date.getTime() + c.dateOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
