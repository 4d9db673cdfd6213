import { describe, expect, it } from 'vitest';
import { inferTable, moneyShape, moneyValue, readDateCell, type TableReading } from '../../../../src/core/statements/tables/index.js';

const table = (lines: string[], delimiter = ';') => ({ rows: lines.map((l) => l.split(delimiter).map((text) => ({ text }))) });
const read = (lines: string[], opts: { digits?: number; delimiter?: string; monthFirst?: boolean } = {}): TableReading =>
  inferTable(table(lines, opts.delimiter), { minorDigits: opts.digits ?? 2, monthFirstHint: opts.monthFirst });
const amounts = (r: TableReading) => r.rows.map((x) => x.units);

describe('cells', () => {
  it('reads dates in every common order and notation', () => {
    expect(readDateCell('05.01.24', 'dmy')).toBe('2024-01-05');
    expect(readDateCell('1/5/2024', 'mdy')).toBe('2024-01-05');
    expect(readDateCell('20240105', 'dmy')).toBe('2024-01-05');
    expect(readDateCell('2024/1/5', 'dmy')).toBe('2024-01-05');
    expect(readDateCell('05 Jan 2024', 'mdy')).toBe('2024-01-05');
    expect(readDateCell('5. März 2024', 'mdy')).toBe('2024-03-05');
    expect(readDateCell('2024-01-05 10:12:33', 'dmy')).toBe('2024-01-05');
    expect(readDateCell('10/2009/09', 'dmy')).toBe('2009-09-10');
    expect(readDateCell('31/02/2024', 'dmy')).toBeNull();
    expect(readDateCell('12.50', 'dmy')).toBeNull();
  });
  it('reads money in every notation', () => {
    const value = (t: string, d: '.' | ',') => {
      const s = moneyShape(t);
      return s ? [s.negative ? '-' : s.marker === 'dr' ? 'dr' : '+', moneyValue(s.digits, d)] : null;
    };
    expect(value('1.234,56', ',')).toEqual(['+', '1234.56']);
    expect(value('-1 234,56 €', ',')).toEqual(['-', '1234.56']);
    expect(value("1'234.50", '.')).toEqual(['+', '1234.50']);
    expect(value('1’234.50', '.')).toEqual(['+', '1234.50']);
    expect(value('1\u00a0234,56', ',')).toEqual(['+', '1234.56']);
    expect(value('0000000074,56-', ',')).toEqual(['-', '74.56']);
    expect(value('($1,234.56)', '.')).toEqual(['-', '1234.56']);
    expect(value('608.26 Dr', '.')).toEqual(['dr', '608.26']);
    expect(value('1,23,456.78', '.')).toEqual(['+', '123456.78']);
    expect(value('-23,45 PLN', ',')).toEqual(['-', '23.45']);
    expect(value('د.ا.\u200f4.750', '.')).toEqual(['+', '4.750']);
    expect(value('REWE Markt', '.')).toBeNull();
    // only a real currency code is stripped: a word before a number is not money
    expect(value('Row 12', '.')).toBeNull();
    expect(value('EUR 1.234,56', ',')).toEqual(['+', '1234.56']);
    expect(value('12,00 sek', ',')).toEqual(['+', '12.00']);
  });
});

describe('inferTable', () => {
  it('skips a preamble, finds the header, and chains a running balance listed newest first', () => {
    const r = read([
      'Umsatzanzeige;Datei erstellt am: 01.03.2024',
      'IBAN;DE12 5001 0517 0648 4898 90',
      'Saldo;1.100,00;EUR',
      '',
      'Buchung;Auftraggeber/Empfänger;Saldo;Betrag',
      '03.02.2024;REWE;1.100,00;-50,00',
      '02.02.2024;Gehalt;1.150,00;1.000,00',
      '01.02.2024;Miete;150,00;-850,00',
    ]);
    expect(r.header).toBe(4);
    expect(r.roles).toMatchObject({ date: 0, amount: 3, balance: 2, description: [1] });
    expect(amounts(r)).toEqual([-5000, 100000, -85000]);
    expect(r.rows.map((x) => x.verification)).toEqual(['balance-chain', 'balance-chain', 'balance-chain']);
    expect([r.openingUnits, r.closingUnits]).toEqual([100000, 110000]);
  });
  it('reads a header-less file by content alone, and the balance settles the sign convention', () => {
    // amounts printed positive for money out: only the inverted reading chains
    const r = read(['01/05/2024,ACME,100.00,900.00', '01/07/2024,SHOP,25.50,874.50', '01/09/2024,REFUND,-10.00,884.50'], { delimiter: ',' });
    expect(r.header).toBeNull();
    expect(r.invert).toBe(true);
    expect(amounts(r)).toEqual([-10000, -2550, 1000]);
    expect(r.rows.every((x) => x.confidence === 1 || x.verification === 'balance-chain')).toBe(true);
  });
  it('signs unsigned amounts by an S/H or Af/Bij column', () => {
    expect(amounts(read(['Datum;Text;Umsatz;', '01.05.2024;A;12,00;S', '02.05.2024;B;100,00;H', '03.05.2024;C;1,50;S']))).toEqual([-1200, 10000, -150]);
    expect(amounts(read(['Datum,Naam,Af Bij,Bedrag', '20240101,A,Af,"12,00"', '20240102,B,Bij,"100,00"'].map((l) => l.replace(/"/g, '')), { delimiter: ',' })).length).toBe(2);
  });
  it('reads debit/credit pairs, either order, by header words and content', () => {
    expect(amounts(read(['Date;Libellé;Débit euros;Crédit euros', '01/02/2024;CB;12,00;', '02/02/2024;VIR;;1 000,00', '03/02/2024;CB;3,10;']))).toEqual([-1200, 100000, -310]);
    expect(amounts(read(['Buchungsdatum;Text;Gutschrift;Lastschrift', '01.05.2024;A;;-45.00', '02.05.2024;B;500.00;', '03.05.2024;C;;-5.00']))).toEqual([-4500, 50000, -500]);
  });
  it('takes the net of gross and fee, and an outflow column without inflows as money out', () => {
    const paypal = read(['Date;Name;Gross;Fee;Net', '1/5/2024;A;100.00;-3.20;96.80', '1/6/2024;B;-20.00;0.00;-20.00', '1/7/2024;C;50.00;-1.75;48.25'], { monthFirst: true });
    expect(amounts(paypal)).toEqual([9680, -2000, 4825]);
    expect(paypal.rows[0]!.verification).toBe('net-of-fee');
    expect(amounts(read(['Date;Payee;Outflow', '2024-01-02;Shop;4.75', '2024-01-03;Cafe;3.10']))).toEqual([-475, -310]);
  });
  it('picks the date order that reads every row, then the one in sequence', () => {
    expect(read(['Date;Desc;Amount', '03/04/2024;A;-1.00', '03/05/2024;B;-2.00', '03/06/2024;C;-3.00']).rows.map((x) => x.date)).toEqual(['2024-04-03', '2024-05-03', '2024-06-03']);
    expect(read(['Date;Desc;Amount', '01/13/2024;A;-1.00', '01/14/2024;B;-2.00']).dateOrder).toBe('mdy');
    const guessed = read(['Date;Desc;Amount', '01/02/2024;A;-1.00', '01/03/2024;B;-2.00'], { monthFirst: true });
    expect(guessed.dateOrder).toBe('mdy');
    // nothing in the file settles the order: every row says so and goes to review
    expect(guessed.rows.every((x) => x.confidence < 0.8 && x.doubts?.[0]?.includes('date order is a guess'))).toBe(true);
    expect(read(['Date;Desc;Amount', '01/13/2024;A;-1.00', '01/14/2024;B;-2.00']).rows[0]!.doubts).toBeUndefined();
  });
  it('leaves out balance lines and says why, and reads yen without decimals', () => {
    const r = read(['01/03/2024;SALDO ANTERIOR;;1.500,00', '02/03/2024;PIX MARIA;;-20,00', '02/03/2024;SALDO DO DIA;;1.480,00']);
    expect(amounts(r)).toEqual([-2000]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['a balance line, not a transaction', 'a balance line, not a transaction']);
    expect(amounts(read(['日付,摘要,お支払金額,お預かり金額,差引残高', '2024/4/1,A,"1,890",,"298,110"'.replace(/"/g, ''), '2024/4/5,B,,3130,301240'], { digits: 0, delimiter: ',' })).length).toBe(2);
  });
  it('marks rows where a chaining balance breaks, and leaves unverifiable rows at medium confidence', () => {
    const broken = read(['Date;Desc;Amount;Balance', '2024-01-01;A;-10.00;90.00', '2024-01-02;B;-10.00;80.00', '2024-01-03;C;-10.00;75.00', '2024-01-04;D;-5.00;70.00']);
    // the first row has no balance before it: only the rows after it are checked
    expect(broken.rows.map((x) => x.verification)).toEqual(['unverified', 'balance-chain', 'chain-broken', 'balance-chain']);
    expect(broken.rows[2]!.confidence).toBeLessThan(0.8);
    const plain = read(['Date;Desc;Amount', '2024-01-01;A;-10.00', '2024-01-02;B;5.00']);
    expect(plain.rows.map((x) => [x.verification, x.confidence])).toEqual([['unverified', 0.85], ['unverified', 0.85]]);
  });
  it('follows fixed roles from a mapping', () => {
    const r = inferTable(table(['when|what|how much', '2024-01-02|rent|900'], '|'), { minorDigits: 2, roles: { date: 0, amount: 2, description: [1] }, invert: true, headerRow: 0 });
    expect(r.rows.map((x) => [x.date, x.units, x.description])).toEqual([['2024-01-02', -90000, 'rent']]);
  });
  it('chooses a reading on the first rows of a big table and verifies every row with it', () => {
    const lines = ['Date;Desc;Amount;Balance'];
    let balance = 100000;
    for (let i = 0; i < 5000; i++) {
      balance += i === 4500 ? -200 : -100; // row 4500 does not follow its printed amount
      lines.push(`2024-01-01;Row ${i};-1.00;${(balance / 100).toFixed(2)}`);
    }
    const r = read(lines);
    expect(r.rows).toHaveLength(5000);
    expect(r.rows.filter((x) => x.verification === 'chain-broken').map((x) => x.row)).toEqual([4501]);
  });
  it('lets totals printed around the table settle the sign when no balance column does', () => {
    const r = read(['Opening balance;100.00', 'Closing balance;70.00', '', 'Date;Desc;Amount', '2024-01-02;A;20.00', '2024-01-03;B;15.00', '2024-01-04;C;-5.00']);
    expect(amounts(r)).toEqual([-2000, -1500, 500]);
    expect(r.rows.every((x) => x.verification === 'totals')).toBe(true);
    expect(amounts(read(['Date;Desc;Amount', '2024-01-02;A;20.00', '2024-01-03;B;-5.00']))).toEqual([2000, -500]);
  });
});

