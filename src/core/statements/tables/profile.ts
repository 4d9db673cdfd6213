import { DATE_ORDERS, type DateOrder, decimalEvidence, directionWord, moneyShape, moneyValue, readDateCell } from './cells.js';

/** Header words in many languages: evidence for a column's role, never a condition. */
export const HEADER_WORDS = {
  date: /dat(e|um|a|o)|fecha|buchung|booking|posted|posting|trans(action)?\.?\s*date|txn|valuta|wert|created|completed|started|日付|取引日|bokf|transaktionsdag|kirjaus|dtmov|dateop|when|tag$/i,
  valueDate: /valu|wert|rente|dtval|value|valor|valeur/i,
  amount: /amount|betrag|montant|importe|importo|bedrag|belopp|bel(ø|o)b|kwota|valor|value|umsatz|summe|montante|金額|amt|\b[a-z]{3}\$|^net|netto|neto|^total/i,
  debit: /debit|d(é|e)bit|soll|withdraw|paid\s*out|money\s*out|^out|outflow|belastung|lastschrift|dare|addebit|ut\s*fra|uttag|wydatki|支払|出金|cargo|gasto|^af$|ausgang|charges?$/i,
  credit: /credit|cr(é|e)dit|haben|deposit|paid\s*in|money\s*in|^in$|inflow|gutschrift|avere|accredit|inn\s*p|ins(ä|a)ttning|wp(ł|l)yw|預|入金|abono|ingreso|^bij$|eingang/i,
  balance: /balan|saldo|solde|kontostand|guthaben|残高|running|^bal/i,
  name: /name|payee|empf(ä|ae)nger|auftraggeber|beg(ü|ue)nstigt|zahlungspflicht|beneficiar|counterpart|tegenpartij|naam|partner|merchant|^nom|nombre|nazwa|namn|navn|title|avs(ä|a)ndare|mottagare/i,
  description: /descri|beschreib|verwendung|buchungstext|purpose|memo|narrat|particular|detail|libell|label|concept|omschrijving|mededeling|opis|tekst|text|forklaring|rubrik|beskrivning|摘要|lan(ç|c)amento|remark|avis|vorgang|transaction$|reference|referens|info/i,
  gross: /gross|brutto|bruto/i,
  fee: /fee|geb(ü|u)hr|commission|frais|tarifa|comisi/i,
};

export interface ColumnProfile {
  index: number;
  header: string;
  nonEmpty: number;
  /** Share of non-empty cells that are dates, per numeric order. */
  dateShare: Record<DateOrder, number>;
  moneyShare: number;
  /** Share of money cells printing a fraction. */
  fractionShare: number;
  negatives: number;
  markers: number;
  zeros: number;
  directionShare: number;
  distinct: number;
  letterShare: number;
  meanLength: number;
  /** All cells are long digit strings (account numbers, ids) or a 1, 2, 3… sequence. */
  idLike: boolean;
}

/** The file's decimal mark from every money-looking cell that is not a date. */
export function learnDecimal(rows: string[][], minorDigits: number): '.' | ',' {
  let score = 0;
  for (const r of rows) {
    for (const c of r) {
      if (!c || DATE_ORDERS.some((o) => readDateCell(c, o))) continue;
      const shape = moneyShape(c);
      if (shape) score += decimalEvidence(shape.digits, minorDigits);
    }
  }
  return score > 0 ? ',' : '.';
}

export function isMoneyCell(text: string, decimal: '.' | ','): boolean {
  const shape = moneyShape(text);
  return shape !== null && moneyValue(shape.digits, decimal) !== null && !DATE_ORDERS.some((o) => readDateCell(text, o));
}

export function isDateCell(text: string): boolean {
  return DATE_ORDERS.some((o) => readDateCell(text, o) !== null);
}

export function profileColumn(index: number, header: string, cells: string[], decimal: '.' | ','): ColumnProfile {
  const filled = cells.filter((c) => c !== '');
  const n = filled.length || 1;
  const dateShare = Object.fromEntries(DATE_ORDERS.map((o) => [o, filled.filter((c) => readDateCell(c, o)).length / n])) as Record<DateOrder, number>;
  const money = filled.map((c) => (isMoneyCell(c, decimal) ? moneyShape(c)! : null));
  const moneyCells = money.filter((m): m is NonNullable<typeof m> => m !== null);
  const values = moneyCells.map((m) => moneyValue(m.digits, decimal)!);
  const ints = filled.every((c) => /^\d+$/.test(c));
  const sequence = ints && filled.length > 2 && filled.every((c, i) => i === 0 || Math.abs(Number(c) - Number(filled[i - 1])) === 1);
  return {
    index,
    header,
    nonEmpty: filled.length,
    dateShare,
    moneyShare: moneyCells.length / n,
    fractionShare: moneyCells.length ? moneyCells.filter((m) => new RegExp(`\\${decimal}\\d+$`).test(m.digits)).length / moneyCells.length : 0,
    negatives: moneyCells.filter((m) => m.negative).length,
    markers: moneyCells.filter((m) => m.marker).length,
    zeros: values.filter((v) => Number(v) === 0).length,
    directionShare: filled.filter((c) => directionWord(c)).length / n,
    distinct: new Set(filled).size,
    letterShare: filled.filter((c) => /\p{L}{2}/u.test(c)).length / n,
    meanLength: filled.reduce((a, c) => a + c.length, 0) / n,
    idLike: (ints && filled.every((c) => c.length >= 6)) || sequence,
  };
}

/** Rows that look like transactions: a date somewhere and a money cell somewhere else. */
export function dataLike(row: string[], decimal: '.' | ','): boolean {
  const d = row.findIndex(isDateCell);
  return d >= 0 && row.some((c, i) => i !== d && c !== '' && isMoneyCell(c, decimal));
}

/**
 * The header is the last row before the first data row whose cells are mostly words and that is
 * about as wide as the data; everything above it is preamble. Null for header-less files.
 */
export function findHeader(rows: string[][], firstData: number, width: number): number | null {
  for (let i = firstData - 1; i >= 0 && i >= firstData - 6; i--) {
    const cells = rows[i]!.filter((c) => c !== '');
    // blank lines and one-cell notes may sit between the header and the rows
    if (cells.length < 2) continue;
    const wordy = cells.filter((c) => /\p{L}/u.test(c) && !isDateCell(c)).length;
    if (cells.length >= Math.max(2, Math.ceil(width * 0.5)) && wordy >= cells.length * 0.6) return i;
    return null;
  }
  return null;
}
