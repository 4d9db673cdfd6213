import type { Sentence } from './classify.js';
import type { SenderTemplate } from './parse.js';
import type { MailContent } from './text.js';

/** Labels that name the counterparty outright, in a table or a line. */
const LABELS = /(?:^|\s)(?:merchant|payee|beneficiary|info|händler|empfänger|commerçant|bénéficiaire|comercio|beneficiario|begunstigde|estabelecimento)\s*:\s*/giu;
/** Prepositions before a place of purchase (first) or a person or company paid or paying (second). */
const AT = /(?<![\p{L}])(?:at|bei|chez|en|em|bij|@|in)\s+/giu;
const TO_FROM = /(?<![\p{L}])(?:to|towards|from|by|an|à|de|van|para|paid|sent|with)\s+/giu;
const STOP =
  /\s+(?:on|using|via|with|for|has|have|had|was|were|is|are|will|ref(?:erence)?|in the amount|le|el|la|am|op|met|mit|avec|con|par|per|dated?|bezahlt|betaald|effectué|a été|approved|aprovada|through|using|and|und|et|y|en|em|para|to|from|in your|into|from your|de tu|de votre)\b|\s*§|[,;()\n]|\.(?:\s|$)|\s[-–—·|]\s|\s{2,}|\s\d{1,2}[/.-]\d{1,2}/iu;
/** Payment rails and account words: never the counterparty on their own. */
const NOT_A_NAME = /^(?:upi|imps|neft|rtgs|ach|vpa|zelle|sepa|swift|wire|pos|nfc|atm card|card|debit card|credit card|your|you|my|me|a\/?c|account|konto|compte|cuenta|conta|rekening|the|a|an|this|that|it|us|our)\b/i;
const MONTHY = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d/i;

function clean(candidate: string): string | null {
  let c = candidate.replace(/^VPA\s+\S+@\S+\s*/i, '').replace(/^\S+@\S+\s+(?=\S)/, '');
  c = c.split(STOP)[0]!.trim().replace(/[.:;,]+$/, '').trim();
  if (c.length < 2 || c.length > 60 || c.split(/\s+/).length > 7) return null;
  if (!/^[\p{L}]/u.test(c) || /^\S+@\S+$/.test(c) || MONTHY.test(c) || c.includes('§')) return null;
  if (NOT_A_NAME.test(c) && c.split(/\s+/).every((w) => NOT_A_NAME.test(w))) return null;
  // "account **4521", "with Visa ending…", "your card": an account or another preposition, not a name.
  if (/\b(?:ending|terminada|endet|se terminant)\b|[x*•]{2,}\d/i.test(c)) return null;
  if (/^(?:a|an|your|you|my|the|account|a\/?c|acct|card|konto|compte|cuenta|conta|with|by|to|from|at|on|for|via)\b/i.test(c)) return null;
  return c;
}

function after(re: RegExp, text: string): Array<{ name: string; at: number }> {
  const out: Array<{ name: string; at: number }> = [];
  for (const m of text.matchAll(re)) {
    const name = clean(text.slice(m.index + m[0].length, m.index + m[0].length + 80));
    if (name) out.push({ name, at: m.index });
  }
  return out;
}

/** "Mark Lee paid you", "Anna sent you": the name before the verb. */
function payerBefore(text: string): string | null {
  const m = /((?:\p{Lu}[\p{L}'.-]*)(?:\s\p{Lu}[\p{L}'.-]*){0,3})\s+(?:paid|sent) you\b/u.exec(text);
  return m ? m[1]! : null;
}

/** The organisation in the From header: "Uber Receipts" → Uber, "Amazon.com" → Amazon. */
export function senderOrganisation(mail: Pick<MailContent, 'fromName' | 'fromAddress'>): string {
  const name = mail.fromName
    .replace(/\b(?:receipts?|alerts?|instaalerts|notifications?|no-?reply|service|team|support|info|mail(?:er)?|customer care)\b/gi, '')
    .replace(/\.(?:com|co|in|net|org|de|fr|es|co\.uk)\b.*$/i, '')
    .trim();
  if (name) return name;
  const domain = (mail.fromAddress.split('@')[1] ?? '').split('.');
  const core = domain.length >= 2 ? domain[domain.length - 2]! : (domain[0] ?? '');
  return core ? core[0]!.toUpperCase() + core.slice(1) : '';
}

/**
 * The counterparty of the payment: a label's value, else the name after at/bei/chez…, else after
 * to/from, in the payment's sentence, then in the lines around it; a receipt's is its sender.
 * `text` has its amounts blanked with "§".
 */
export function findMerchant(
  text: string,
  list: Sentence[],
  sentence: Sentence,
  opts: { receipt: boolean; template?: SenderTemplate | null; mail: Pick<MailContent, 'fromName' | 'fromAddress'> },
): string | null {
  if (opts.template?.merchantCue) {
    const learned = after(new RegExp(`(?<![\\p{L}])${opts.template.merchantCue.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*:?\\s*`, 'giu'), text)[0];
    if (learned) return learned.name;
  }
  const i = list.indexOf(sentence);
  const windows = [sentence, ...[list[i + 1], list[i - 1], list[i + 2], list[i - 2]].filter((s): s is Sentence => !!s && Math.abs(s.line - sentence.line) <= 2)];
  const label = after(LABELS, text)[0];
  if (label) return label.name;
  for (const w of windows) {
    const t = text.slice(w.start, w.start + w.text.length);
    const payer = payerBefore(t);
    if (payer) return payer;
    const hit = after(AT, t)[0] ?? after(TO_FROM, t)[0];
    if (hit) return hit.name;
  }
  if (opts.receipt) return senderOrganisation(opts.mail) || null;
  return null;
}
