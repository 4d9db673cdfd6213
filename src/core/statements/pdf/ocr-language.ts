/**
 * Which Tesseract language data fits a statement: words every statement in that language prints
 * (balance, date, account, the commonest short words), counted over text already read.
 */
const VOCABULARY: Record<string, readonly string[]> = {
  eng: ['balance', 'date', 'description', 'amount', 'account', 'statement', 'debit', 'credit', 'the', 'and', 'of', 'to', 'from', 'payment', 'details', 'transaction', 'withdrawal', 'deposit', 'forward'],
  fra: ['solde', 'debit', 'credit', 'operation', 'operations', 'virement', 'releve', 'compte', 'valeur', 'euros', 'prelevement', 'retrait', 'du', 'au', 'le', 'la', 'les', 'des', 'nouveau', 'crediteur', 'debiteur', 'montant', 'frais'],
  deu: ['kontostand', 'buchung', 'buchungstag', 'betrag', 'wert', 'uberweisung', 'lastschrift', 'gutschrift', 'konto', 'kontoauszug', 'auszug', 'der', 'die', 'das', 'und', 'vom', 'am', 'um', 'alter', 'neuer', 'saldo', 'erlauterung', 'verwendungszweck', 'kartenzahlung'],
  spa: ['saldo', 'fecha', 'concepto', 'importe', 'cuenta', 'extracto', 'transferencia', 'recibo', 'del', 'anterior', 'compra', 'movimientos', 'nomina'],
  ita: ['saldo', 'data', 'valuta', 'descrizione', 'conto', 'estratto', 'bonifico', 'addebito', 'accredito', 'iniziale', 'finale', 'uscite', 'entrate', 'operazione', 'dal'],
  nld: ['saldo', 'datum', 'omschrijving', 'bedrag', 'rekening', 'afschrift', 'bij', 'af', 'van', 'het', 'beginsaldo', 'eindsaldo', 'periode'],
  por: ['saldo', 'data', 'descricao', 'conta', 'extrato', 'movimento', 'valor', 'debito', 'credito', 'anterior'],
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Scores each language by how many of the words are its vocabulary; the best installed one wins. */
export function guessLanguage(words: readonly string[], installed: readonly string[]): string | null {
  const tokens = words.flatMap((w) => fold(w).split(/[^a-z]+/)).filter((t) => t.length > 1);
  if (tokens.length < 5) return null;
  let best: { lang: string; score: number } | null = null;
  for (const [lang, vocab] of Object.entries(VOCABULARY)) {
    if (!installed.includes(lang)) continue;
    const set = new Set(vocab);
    const score = tokens.filter((t) => set.has(t)).length;
    if (!best || score > best.score) best = { lang, score };
  }
  return best && best.score >= 2 ? best.lang : null;
}
