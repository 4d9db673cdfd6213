/**
 * Column titles as a prior, never a gate: the words printed above a money column, over one line or
 * several, say what it probably holds. They only break ties the balances leave open (a debit and a
 * credit column swapped, with the balances swapped too, reconciles just as well).
 */
import type { LineCells } from './cells.js';
import type { MoneyColumn } from './columns.js';

export type TitleHint = 'out' | 'in' | 'balance' | 'amount' | null;

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const OUT = /\b(debit|debits|withdrawals?|paid out|money out|out|payments?|charges?|dr|soll|belastung|ausgang|lastschrift|debito|cargo|cargos|retiros?|uscite|addebiti|dare|af|afschrijving|wyplywy|obciazenia|borc|spent)\b/;
const IN = /\b(credit|credits|deposits?|paid in|money in|in|receipts?|cr|haben|gutschrift|eingang|credito|abono|abonos|ingresos?|entrate|accrediti|avere|bij|bijschrijving|wplywy|uznania|alacak|received)\b/;
const BALANCE = /\b(balance|saldo|solde|kontostand|bakiye|guthaben)\b/;
const AMOUNT = /\b(amount|betrag|montant|importe|importo|bedrag|belopp|kwota|tutar|valor)\b/;

export function hintOf(title: string): TitleHint {
  const t = fold(title);
  if (BALANCE.test(t)) return 'balance';
  const out = OUT.test(t);
  const into = IN.test(t);
  if (out !== into) return out ? 'out' : 'in';
  return AMOUNT.test(t) ? 'amount' : null;
}

/** The title over each column: text cells above the first row, overlapping the column's span. */
export function columnTitles(lines: readonly LineCells[], cols: readonly MoneyColumn[], firstRowLine: number): string[] {
  const at = lines.findIndex((l) => l.index === firstRowLine);
  const above = lines.slice(Math.max(0, at - 4), Math.max(0, at)).filter((l) => l.line.page === lines[at]?.line.page && !/\d[.,]\d{2}\b/.test(l.line.text));
  return cols.map((c) => {
    const words = above.flatMap((l) => l.cells.filter((cell) => Math.min(cell.x1, c.x1 + 4) - Math.max(cell.x0, c.x0 - 24) > 0).map((cell) => cell.text));
    return words.join(' ');
  });
}
