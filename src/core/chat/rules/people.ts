import GRAMMAR from './data/people-words.json' with { type: 'json' };
import { TIME_OF_DAY } from './dates.js';
import type { RepaymentHint, SplitHint } from './parse-message.js';

/**
 * Who paid whom, read from the sentence's grammar (data/people-words.json holds the words per
 * language): repayments ("@lisa paid me back 60", "got 25 back from @tom"), someone else paying
 * ("kate paid 80 for groceries"), debts ("@tom owes me 15") and splits said in words ("@kate 30 @tom 20
 * rest me", "split 100 60/40 with @kate", "2:1", "equal:@flat", "@rob pays 1 share me 2").
 */
export interface PeopleReading {
  payer: string | null;
  repayment: RepaymentHint | null;
  split: SplitHint | null;
  /** Numbers that are parts of a split, not the amount: hidden from the amount reader. */
  spans: Array<[number, number]>;
  /** The one amount a debt names ("@tom owes me 15"): the split's part is also the amount. */
  owed: boolean;
}

const alt = (xs: readonly string[]) => [...xs].sort((a, b) => b.length - a.length).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
const P = '@([\\p{L}\\p{N}][\\p{L}\\p{N}_.\'’-]*)';
const NUM = '(\\d+(?:[.,]\\d+)?)';

const TO_ME_AFTER = new RegExp(`${P}\\s+(?:${alt(GRAMMAR.repaidMeAfterPerson)})(?![\\p{L}])`, 'iu');
const TO_ME_BACK_FROM = new RegExp(`(?:${alt(GRAMMAR.backFrom)})\\s+(?:\\S+\\s+){0,3}?${P}`, 'iu');
const FROM_ME = new RegExp(`(?:${alt(GRAMMAR.iRepaidBeforePerson)})\\s+${P}(?:\\s+(?:${alt(GRAMMAR.backWords)}))?`, 'iu');
const FROM_ME_BACK = new RegExp(`(?:${alt(GRAMMAR.paidWords)})\\s+${P}\\s+(?:${alt(GRAMMAR.backWords)})(?![\\p{L}])|(?:${alt(GRAMMAR.paidWords)})\\s+(?:${alt(GRAMMAR.backWords)})\\s+${P}`, 'iu');
const SETTLED = new RegExp(`(?:${alt(GRAMMAR.settledWith)})\\s+${P}`, 'iu');
const HINDI_BACK = new RegExp(`${P}\\s+(?:ne\\s+)?(?:\\S+\\s+){0,2}?(?:${alt(GRAMMAR.hindiReturned)})`, 'iu');
const OWES_ME = new RegExp(`${P}\\s+(?:${alt(GRAMMAR.owesMe)})\\s+(?:half\\s+of\\s+)?[^\\d\\s]{0,3}\\s?${NUM}`, 'iu');
const OWES_ME_HALF = new RegExp(`${P}\\s+(?:${alt(GRAMMAR.owesMe)})\\s+half`, 'iu');
const I_OWE = new RegExp(`(?:${alt(GRAMMAR.iOwe)})\\s+${P}(?:\\s+(half|\\S*\\d\\S*))?`, 'iu');
const OTHER_PAID = new RegExp(`${P}\\s+(?:${alt(GRAMMAR.personPaid)})(?![\\p{L}])(?!\\s+(?:me|us|back)\\b)`, 'iu');
/** "kate paid 80 for groceries": a plain name only where a sentence starts, and never a word like "rent". */
const NAME_PAID = new RegExp(`^(\\p{L}{3,})\\s+(?:${alt(GRAMMAR.personPaid)})(?![\\p{L}])(?!\\s+(?:me|us|back|off)\\b)`, 'iu');
const PAID_BY = new RegExp(`(?:${alt(GRAMMAR.paidBy)})\\s+${P}`, 'iu');
/** "@kate 30": a bare number right after a mention (with a currency sign it is the total: "@sam $42.50 dinner"). */
const PARTS = new RegExp(`${P}\\s+${NUM}(?![\\d.,]*\\s*(?:%|each|ea|st|nd|rd|th)\\b)`, 'giu');
const REST = new RegExp(`(?:${alt(GRAMMAR.restWords)})\\s+(?:(me|i|myself)|${P})(?![\\p{L}])|(?:(i|me)\\s+(?:pay|cover|take)\\s+the\\s+rest)`, 'iu');
const RATIO = /(?<![\d.,/:])(\d{1,3})\s?([/:])\s?(\d{1,3})(?![\d.,/:])/;
const EQUAL_GROUP = new RegExp(`(?:${alt(GRAMMAR.equalWords)})\\s*:\\s*${P}`, 'iu');
const EQUAL_WORD = new RegExp(`(?<![\\p{L}])(?:${alt(GRAMMAR.equalWords)})(?![\\p{L}])`, 'iu');
const SPLIT_WORD = new RegExp(`(?<![\\p{L}])(?:${alt(GRAMMAR.splitWords)})(?![\\p{L}])`, 'iu');
const WAYS = /\bsplit\s+(?:it\s+)?(?:\d+(?:[.,]\d+)?\s+)?(\d+|two|three|four|five|six)\s+ways\b/i;
const WORD_N: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6 };
const NOT_NAMES = new Set(GRAMMAR.notNames);

const handle = (h: string) => h.replace(/['’]s$/i, '').replace(/[.'’_-]+$/, '').toLowerCase();

function repaymentOf(text: string): RepaymentHint | null {
  const forms: Array<[RegExp, RepaymentHint['direction']]> = [
    [FROM_ME_BACK, 'from_me'],
    [TO_ME_AFTER, 'to_me'],
    [TO_ME_BACK_FROM, 'to_me'],
    [HINDI_BACK, 'to_me'],
    [FROM_ME, 'from_me'],
    [SETTLED, 'from_me'],
  ];
  for (const [re, direction] of forms) {
    const m = re.exec(text);
    const who = m?.slice(1).find((g) => g);
    if (m && who) return { person: handle(who), direction };
  }
  return null;
}

function payerOf(text: string): string | null {
  const by = PAID_BY.exec(text);
  if (by) return handle(by[1]!);
  const m = OTHER_PAID.exec(text) ?? NAME_PAID.exec(text);
  if (!m || NOT_NAMES.has(m[1]!.toLowerCase())) return null;
  return handle(m[1]!);
}

function ratioSplit(text: string, mentions: string[]): { split: SplitHint; span: [number, number] } | null {
  if (!SPLIT_WORD.test(text)) return null;
  const m = RATIO.exec(text);
  if (!m || mentions.length !== 1) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const who = mentions[0]!;
  const span: [number, number] = [m.index, m.index + m[0].length];
  if (m[2] === '/' && a + b === 100) return { split: { method: 'percent', with: [who], parts: [{ who: 'me', value: String(a) }, { who, value: String(b) }] }, span };
  if (m[2] === ':' || a + b < 20) return { split: { method: 'shares', with: [who], parts: [{ who: 'me', value: String(a) }, { who, value: String(b) }] }, span };
  return null;
}

function shareSplit(text: string, mentions: string[]): { split: SplitHint; spans: Array<[number, number]> } | null {
  if (!/\bshares?\b/i.test(text)) return null;
  const parts: Array<{ who: string; value: string }> = [];
  const spans: Array<[number, number]> = [];
  const re = new RegExp(`(?:${P}|\\b(me|i)\\b)\\s+(?:pays?\\s+|takes?\\s+|gets?\\s+)?(\\d{1,2})(?:\\s+shares?)?(?![\\d.,])`, 'giu');
  for (const m of text.matchAll(re)) {
    const who = m[1] ? handle(m[1]) : 'me';
    parts.push({ who, value: m[3]! });
    const at = m.index + m[0].lastIndexOf(m[3]!);
    spans.push([at, at + m[3]!.length]);
  }
  if (parts.length < 2) return null;
  return { split: { method: 'shares', with: mentions, parts }, spans };
}

function exactSplit(text: string, mentions: string[]): { split: SplitHint; spans: Array<[number, number]> } | null {
  const parts: Array<{ who: string; value: string }> = [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(PARTS)) {
    parts.push({ who: handle(m[1]!), value: m[2]!.replace(',', '.') });
    const at = m.index + m[0].lastIndexOf(m[2]!);
    spans.push([at, at + m[2]!.length]);
  }
  const rest = REST.exec(text);
  // "@kate 30 @tom 20 rest me" needs a total besides the parts; "dinner with @kate 64" has none
  const numbers = [...text.replace(TIME_OF_DAY, ' ').matchAll(/(?<![\p{L}\d.,])\d+(?:[.,]\d+)?(?!\d|st|nd|rd|th)/gu)].length;
  if (parts.length === 0 || numbers <= parts.length) return null;
  const split: SplitHint = { method: 'exact', with: mentions, parts };
  if (rest) {
    split.rest = rest[2] ? handle(rest[2]) : 'me';
    spans.push([rest.index, rest.index + rest[0].length]);
  }
  return { split, spans };
}

/** Reads payer, repayment and split from a message whose @mentions are already known. */
export function readPeople(text: string, mentions: string[]): PeopleReading {
  const out: PeopleReading = { payer: null, repayment: null, split: null, spans: [], owed: false };
  out.repayment = repaymentOf(text);
  if (out.repayment) return out;
  const owes = OWES_ME.exec(text);
  if (owes && !OWES_ME_HALF.test(text)) {
    out.split = { method: 'exact', with: [handle(owes[1]!)], parts: [{ who: handle(owes[1]!), value: owes[2]!.replace(',', '.') }] };
    out.owed = true;
    return out;
  }
  if (OWES_ME_HALF.test(text)) {
    out.split = { method: 'equal', with: [handle(OWES_ME_HALF.exec(text)![1]!)] };
    return out;
  }
  const owe = I_OWE.exec(text);
  if (owe) {
    out.payer = handle(owe[1]!);
    if (owe[2] === 'half' || !owe[2]) out.split = { method: 'equal', with: [out.payer] };
    return out;
  }
  out.payer = payerOf(text);
  const group = EQUAL_GROUP.exec(text);
  const ratio = ratioSplit(text, mentions);
  const shares = ratio ? null : shareSplit(text, mentions);
  const exact = ratio || shares ? null : exactSplit(text, mentions);
  if (group) out.split = { method: 'equal', with: [handle(group[1]!)] };
  else if (ratio) {
    out.split = ratio.split;
    out.spans.push(ratio.span);
  } else if (shares) {
    out.split = shares.split;
    out.spans.push(...shares.spans);
  } else if (exact) {
    out.split = exact.split;
    out.spans.push(...exact.spans);
  } else if (SPLIT_WORD.test(text) || EQUAL_WORD.test(text)) {
    const ways = WAYS.exec(text);
    const others = mentions.filter((m) => m !== out.payer || mentions.length === 1);
    if (ways && mentions.length === 0) out.split = { method: 'equal', with: [], ways: /^\d+$/.test(ways[1]!) ? Number(ways[1]) : WORD_N[ways[1]!.toLowerCase()]! };
    else if (others.length) out.split = { method: 'equal', with: [...others] };
  }
  return out;
}
