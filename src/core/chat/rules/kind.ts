export type EntryType = 'expense' | 'income' | 'transfer';

const TRANSFER = [
  /\b(moved?|moving|transfer(?:red|ring)?|sent|put|deposited)\b.*\b(to|into)\b.*\b(savings?|emergency fund|rainy day fund|fund|investments?|brokerage|ira|401k|account|pot|vault|fd|fixed deposit|rd)\b/i,
  /\b(transfer(?:red)?|moved)\b.*\b(savings?|checking|account)\b/i,
  /\bpaid off\b.*\b(card|credit|loan)\b|\b(credit )?card (bill )?payment\b|\bpaid (the |my )?(credit )?card( bill)?\b/i,
  /\b(lent|lend|loaned)\b/i,
  // Cash from the bank into the wallet moves money between one's own pockets.
  /\b(withdr[ae]w\w*|took out|taken out|cash(?:ed)? out)\b.*\b(cash|atm|money)\b|\b(atm|cash) withdrawal\b/i,
  /\b(invested|invest in|investing|bought (?:shares|stocks?|etf)|sip)\b/i,
];
const INCOME = [
  /\b(received|receive|got paid|get paid|salary|paycheck|pay check|payroll|wages|stipend)\b/i,
  /\b(refund(?:ed)?|reimburs(?:ed|ement)|cash ?back|rebate)\b/i,
  /\b(sold|dividends?|interest (?:earned|credited|received|income)|bonus|won|winnings|prize|earned|income|freelance payment|invoice paid)\b/i,
  /\bpaid me\b|\brepaid me\b|\bpaid back\b|\bgave me\b|\bsent me\b|\bgot \S*\d|\bfrom @\S+\s*$/i,
];
const SPENDING_VERB = /\b(paid|spent|bought|ordered|for)\b/i;

/**
 * Income, transfer or expense, by rules (small models flip plain spends to income: the notes say
 * to decide this without one). Returns how sure the rules are.
 */
export function entryType(text: string): { type: EntryType; confidence: number } {
  if (TRANSFER.some((re) => re.test(text))) return { type: 'transfer', confidence: 0.85 };
  const income = INCOME.filter((re) => re.test(text)).length;
  if (income > 0) {
    // "paid 40 for a refund shipping label" spends; "got a refund" earns
    if (/\bpaid\b/i.test(text) && !/\bpaid me|got paid|paid back/i.test(text) && income === 1 && SPENDING_VERB.test(text)) return { type: 'expense', confidence: 0.6 };
    return { type: 'income', confidence: 0.9 };
  }
  return { type: 'expense', confidence: 0.85 };
}
