import type { CalendarDate } from '../calendar/index.js';
import { type CurrencyCode, minorToDecimal } from '../money/index.js';
import { CREDIT_VERBS, DEBIT_VERBS, TOTAL_LABELS } from './cues.js';
import { sentences, vetoes, type Sentence, type Veto } from './classify.js';
import { findDates } from './dates.js';
import { findMoney, tidyMarkers, type MoneyMention } from './mentions.js';
import { findMerchant, senderOrganisation } from './merchant.js';
import { headerDay, type MailContent } from './text.js';

export interface AccountHint {
  id: string;
  name: string;
  currency: string;
  numberHint: string | null;
  kind: string;
  institution: string | null;
}

/** What a user's corrections taught about one sender (data, not code). */
export interface SenderTemplate {
  /** The words before the right amount ("order total"). */
  amountCue?: string;
  /** The words before the merchant ("info"). */
  merchantCue?: string;
  account?: string;
  sign?: 'debit' | 'credit';
  /** Saves this sender's transactions without asking. */
  autoSave?: boolean;
}

export interface ParseContext {
  home: CurrencyCode;
  accounts: readonly AccountHint[];
  template?: SenderTemplate | null;
}

export interface Evidence {
  amounts: Array<{ amount: string; currency: string; cue: string; score: number }>;
  cues: string[];
  vetoes: Veto[];
}

export type ParsedMail =
  | {
      kind: 'transaction';
      date: CalendarDate;
      /** Signed, in `currency`'s minor units: negative is money out. */
      amountMinor: number;
      currency: CurrencyCode;
      original: { amountMinor: number; currency: CurrencyCode } | null;
      merchant: string | null;
      accountId: string | null;
      digits: string | null;
      confidence: number;
      evidence: Evidence;
    }
  | { kind: 'not-transaction'; reason: string; evidence: Evidence };

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const wordsRe = (words: readonly string[]) => new RegExp(`(?<![\\p{L}])(?:${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`, 'giu');
const DEBIT_RE = wordsRe(DEBIT_VERBS);
const CREDIT_RE = wordsRe(CREDIT_VERBS);
const TOTAL_RE = wordsRe(TOTAL_LABELS);
/** Words before an amount that make it a balance, a limit, a fee line or an offer, not the payment. */
const NOT_THE_PAYMENT = /(?:bal|balance|limit|available|avl|fee|fees|subtotal|tax|tip|fare|minimum|was|up to|above|save|off|cashback|rate|saldo|solde|guthaben|shipping|delivery|spend|estimated)\s*[:=]?\s*$/i;
const RECEIPT_CUES = /\b(receipt|thanks for (?:riding|ordering|your order|shopping)|thank you for (?:your order|shopping)|order (?:confirmation|#|no)|your order|paid with|payments?:|payment method)\b/i;
const BILLED_CUES = /\b(billed|charged|converted|in your (?:card|account) currency|will be billed|amount (?:billed|charged))\b/i;

interface Scored {
  m: MoneyMention;
  score: number;
  sentence: Sentence;
  verb: { kind: 'debit' | 'credit'; word: string; at: number } | null;
}

function sentenceOf(list: Sentence[], at: number): number {
  let i = 0;
  while (i + 1 < list.length && list[i + 1]!.start <= at) i++;
  return i;
}

function nearestVerb(text: string, at: number): Scored['verb'] {
  const hits: NonNullable<Scored['verb']>[] = [];
  for (const m of text.matchAll(CREDIT_RE)) hits.push({ kind: 'credit', word: m[0].toLowerCase(), at: m.index });
  for (const m of text.matchAll(DEBIT_RE)) {
    // "paid you" is a credit that also contains "paid": the longer credit phrase owns the spot.
    if (!hits.some((h) => h.kind === 'credit' && m.index >= h.at && m.index < h.at + h.word.length)) hits.push({ kind: 'debit', word: m[0].toLowerCase(), at: m.index });
  }
  hits.sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at));
  return hits[0] ?? null;
}

function scoreMentions(text: string, list: Sentence[], money: MoneyMention[], receipt: boolean, template: SenderTemplate | null | undefined): Scored[] {
  // Each sentence's vetoes are looked for once, however many amounts it has.
  const vetoCache = new Map<Sentence, boolean>();
  const strongVeto = (s: Sentence) => {
    let v = vetoCache.get(s);
    if (v === undefined) vetoCache.set(s, (v = vetoes(s.text).some((x) => x.strong)));
    return v;
  };
  const subject = list.filter((s) => s.line === 0).map((s) => s.text).join(' ');
  const subjectVerb = vetoes(subject).length ? null : nearestVerb(subject, 0);
  return money.map((m) => {
    const si = sentenceOf(list, m.start);
    const s = list[si]!;
    let score = 0;
    const local = m.start - s.start;
    let verb = nearestVerb(s.text, local);
    if (verb) score += 3;
    else {
      // HTML tables put "You paid" and "$18.00" in neighbouring cells, i.e. lines.
      const near = [list[si - 1], list[si + 1]].filter((x): x is Sentence => !!x && Math.abs(x.line - s.line) <= 1);
      for (const n of near) {
        const v = nearestVerb(n.text, 0);
        if (v && !strongVeto(n)) {
          verb = v;
          score += 2;
          break;
        }
      }
    }
    // A table of labelled fields ("Amount: $312.40") under a heading that says what happened.
    if (!verb && subjectVerb) {
      verb = subjectVerb;
      score += 2;
    }
    const before = text.slice(Math.max(0, m.start - 30), m.start);
    if (new RegExp(`(?:${TOTAL_RE.source})\\s*[:=]?\\s*$`, 'iu').test(before) || /\b(?:amount|betrag|montant|importe)\s*[:=]?\s*$/i.test(before)) score += receipt ? 3 : 1.5;
    if (NOT_THE_PAYMENT.test(before.replace(/[()]/g, ' ').trimEnd())) score -= 4;
    if (strongVeto(s)) score -= 10;
    if (template?.amountCue && m.cue.endsWith(template.amountCue)) score += 6;
    return { m, score, sentence: s, verb };
  });
}

/** The 4 digits after a mask or an "ending" word: "XX4521", "ending in 1234", "****3344", "(...1234)". */
export function lastDigits(text: string): string[] {
  const re = /(?:ending(?:\s+in)?|ends?\s+(?:in|with)|(?<![\p{L}])x+|\*{2,}|\.{3}|•{2,}|final|terminada en|n°|no\.|a\/c|acct|account|card|karte|carte|tarjeta|cartão|pas)\s*[:#]?\s*[x*•.]*\s?(\d{4})(?!\d)/giu;
  return [...text.matchAll(re)].map((m) => m[1]!);
}

function accountFor(ctx: ParseContext, digits: string[], from: MailContent): { account: AccountHint | null; digits: string | null } {
  if (ctx.template?.account) {
    const a = ctx.accounts.find((x) => x.id === ctx.template!.account || x.name === ctx.template!.account);
    if (a) return { account: a, digits: null };
  }
  for (const d of digits) {
    const a = ctx.accounts.find((x) => x.numberHint && x.numberHint.replace(/\D/g, '').slice(-4) === d);
    if (a) return { account: a, digits: d };
  }
  // A wallet's own mail names it: the account whose name is the sender's organisation.
  const org = senderOrganisation(from).toLowerCase();
  const domain = from.fromAddress.split('@')[1] ?? '';
  const byName = ctx.accounts.find((x) => {
    const n = x.name.toLowerCase();
    return (org && (n === org || n.startsWith(`${org} `))) || (domain && n.replace(/\s+/g, '') && domain.split('.').includes(n.replace(/\s+/g, '')));
  });
  return { account: byName ?? null, digits: digits[0] ?? null };
}

function pickOriginal(best: Scored, scored: Scored[], account: AccountHint | null, home: CurrencyCode): { charged: Scored; original: Scored | null } {
  const others = scored.filter((x) => x !== best && x.m.currency !== best.m.currency && x.score > -1 && Math.abs(x.sentence.line - best.sentence.line) <= 1);
  const other = others.sort((a, b) => Math.abs(a.m.start - best.m.start) - Math.abs(b.m.start - best.m.start))[0];
  if (!other) return { charged: best, original: null };
  const pair = [best, other];
  const inAccount = account ? pair.find((x) => x.m.currency === account.currency) : undefined;
  const billed = pair.find((x) => BILLED_CUES.test(x.sentence.text.slice(Math.max(0, x.m.start - x.sentence.start - 40), x.m.start - x.sentence.start)));
  const charged = inAccount ?? billed ?? pair.find((x) => x.m.currency === home) ?? (other.m.start > best.m.start ? other : best);
  return { charged, original: charged === best ? other : best };
}

/** Reads one mail: a transaction with its evidence, or the reason it is not one. */
export function parseMail(mail: MailContent, ctx: ParseContext): ParsedMail {
  const text = tidyMarkers(`${mail.subject}\n${mail.text}`.replace(/\r/g, '').replace(/[ \t\u00a0]+/g, ' '));
  const list = sentences(text);
  const docVetoes = vetoes(text);
  const subjectVetoes = vetoes(mail.subject);
  const receipt = RECEIPT_CUES.test(text);
  const money = findMoney(text, ctx.home);
  const scored = scoreMentions(text, list, money, receipt, ctx.template);
  const evidence: Evidence = {
    amounts: scored.map((s) => ({ amount: minorToDecimal(s.m.minor, s.m.currency), currency: s.m.currency, cue: s.m.cue, score: s.score })),
    cues: [...new Set(scored.filter((s) => s.verb).map((s) => s.verb!.word))],
    vetoes: docVetoes,
  };
  const no = (reason: string): ParsedMail => ({ kind: 'not-transaction', reason, evidence });
  const hard = docVetoes.find((v) => v.kind === 'one-time code' || v.kind === 'login or security notice') ?? subjectVetoes.find((v) => v.strong);
  if (hard) return no(`${hard.kind} ("${hard.evidence}")`);
  if (money.length === 0) return no('no amount with a currency');
  // On a tie the body's sentence wins over the subject's: it carries the details.
  const best = [...scored].sort((a, b) => b.score - a.score || Number(a.sentence.line === 0) - Number(b.sentence.line === 0) || a.m.start - b.m.start)[0]!;
  const weak = docVetoes.find((v) => !v.strong);
  const needed = weak ? 3 : 2.5;
  if (best.score < needed) {
    const why = docVetoes[0] ?? weak;
    return no(why ? `${why.kind} ("${why.evidence}")` : 'no amount next to a payment word (spent, debited, paid, credited…)');
  }

  const digits = lastDigits(text);
  const { account, digits: usedDigits } = accountFor(ctx, digits, mail);
  const { charged, original } = pickOriginal(best, scored, account, ctx.home);
  const sign = ctx.template?.sign ?? (best.verb?.kind === 'credit' ? 'credit' : 'debit');
  const signed = (minor: number) => (sign === 'credit' ? Math.abs(minor) : -Math.abs(minor));

  const sent = headerDay(mail) as CalendarDate | null;
  const dates = findDates(text, sent);
  const inSentence = dates.find((d) => d.start >= best.sentence.start && d.start < best.sentence.start + best.sentence.text.length);
  const date = inSentence?.date ?? dates[0]?.date ?? sent;
  if (!date) return no('no date in the mail and no Date header');

  // Amounts blanked out (same length, so offsets hold): "#102" or "HDFC0001234" stay in names.
  let masked = text;
  for (const m of money) masked = masked.slice(0, m.start) + '§'.repeat(m.end - m.start) + masked.slice(m.end);
  const merchant = findMerchant(masked, list, best.sentence, { receipt, template: ctx.template, mail });
  const confidence = Math.min(0.99, 0.5 + best.score / 10 + (merchant ? 0.1 : 0) + (account ? 0.1 : 0));
  return {
    kind: 'transaction',
    date,
    amountMinor: signed(charged.m.minor),
    currency: charged.m.currency,
    original: original ? { amountMinor: signed(original.m.minor), currency: original.m.currency } : null,
    merchant,
    accountId: account && account.currency === charged.m.currency ? account.id : null,
    digits: usedDigits,
    confidence,
    evidence,
  };
}
