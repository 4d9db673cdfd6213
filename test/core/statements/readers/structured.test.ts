import { describe, expect, it } from 'vitest';
import { FinchError } from '../../../../src/core/errors/index.js';
import { detectFormat, parseCamt, parseMt940, parseOfx, parseQif } from '../../../../src/core/statements/readers/index.js';
import { narrative } from '../../../../src/core/statements/readers/mt940/index.js';

const rows = (s: { transactions: Array<{ date: string; amount: string; description: string }> }) => s.transactions.map((t) => [t.date, t.amount, t.description]);

describe('MT940', () => {
  const two = [
    ':20:STARTUMS', ':25:10020030/1234567', ':28C:1/1', ':60F:C240102EUR100,00',
    ':61:2401020102D12,50NDDTNONREF', ':86:105?00FOLGELASTSCHRIFT?20EREF+X1?21SVWZ+Strom Jan',
    'uar?22 2024?30COBADEFFXXX?32Stadtwerke Muster?33GmbH', ':62F:C240102EUR87,50', '-',
    ':20:STARTUMS', ':25:10020030/1234567', ':28C:2/1', ':60F:C240103EUR87,50',
    ':61:2401030103CR1000,00NTRFNONREF', ':86:166?00GUTSCHRIFT?20Gehalt?32Arbeitgeber AG',
    ':61:2312290102RD5,00NMSCNONREF', ':86:Storno',
    ':62F:C240103EUR1092,50', '-',
  ].join('\r\n');
  it('is detected as MT940, not as a header-less CSV', () => {
    expect(detectFormat(Buffer.from(two), 'umsatz.sta')).toBe('mt940');
    expect(detectFormat(Buffer.from(`{1:F01BANKDEFFXXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\n${two}\n-}`), 'x.txt')).toBe('mt940');
  });
  it('reads several statements, :86: subfields (?20.. purpose, ?32/?33 name), reversal marks and a booking date across the year end', () => {
    const s = parseMt940(two);
    expect(rows(s)).toEqual([
      ['2024-01-02', '-12.50', 'Stadtwerke MusterGmbH | Strom Januar 2024'],
      ['2024-01-03', '1000.00', 'Arbeitgeber AG | Gehalt'],
      ['2024-01-02', '5.00', 'Storno'],
    ]);
    expect(s.sections?.map((x) => [x.openingBalance, x.closingBalance, x.firstRow, x.lastRow])).toEqual([['100.00', '87.50', 0, 0], ['87.50', '1092.50', 1, 2]]);
    expect([s.openingBalance, s.closingBalance, s.reconciled]).toEqual(['100.00', '1092.50', true]);
  });
  it('reads slash-structured narratives and refuses a file with no entry', () => {
    expect(narrative('/EREF/NOTPROVIDED//CNTP/NL44ABNA0123456789/ABNANL2A/Albert Heijn///REMI/USTD//Boodschappen/')).toBe('Albert Heijn | Boodschappen');
    expect(() => parseMt940(':20:X\n:25:1\n:60F:C240101EUR1,00\n:62F:C240101EUR1,00\n-')).toThrow(FinchError);
  });
});

describe('CAMT.052/053/054', () => {
  const entry = (amt: string, cd: string, book: string, val: string, details: string) => `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${cd}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${book}</Dt></BookgDt><ValDt><Dt>${val}</Dt></ValDt><NtryDtls>${details}</NtryDtls></Ntry>`;
  const tx = (amt: string | null, name: string) => `<TxDtls>${amt ? `<AmtDtls><TxAmt><Amt Ccy="EUR">${amt}</Amt></TxAmt></AmtDtls>` : ''}<RltdPties><Cdtr><Nm>${name}</Nm></Cdtr></RltdPties></TxDtls>`;
  const doc = (root: string, el: string, body: string) => `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.05x"><${root}><GrpHdr><MsgId>1</MsgId></GrpHdr><${el}><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>${body}</${el}></${root}></Document>`;
  const batch = entry('30.00', 'DBIT', '2024-06-10', '2024-06-09', `<Btch><NbOfTxs>2</NbOfTxs></Btch>${tx('10.00', 'Verein')}${tx('20.00', 'Schule')}`);
  it('splits a batch entry into its transactions, booking date by default and value date on request', () => {
    const s = parseCamt(doc('BkToCstmrStmt', 'Stmt', batch));
    expect(rows(s)).toEqual([['2024-06-10', '-10.00', 'Verein'], ['2024-06-10', '-20.00', 'Schule']]);
    expect(parseCamt(doc('BkToCstmrStmt', 'Stmt', batch), { date: 'value' }).transactions.map((t) => t.date)).toEqual(['2024-06-09', '2024-06-09']);
  });
  it('keeps a batch whose parts do not add up as one row, with a warning', () => {
    const s = parseCamt(doc('BkToCstmrStmt', 'Stmt', entry('31.00', 'DBIT', '2024-06-10', '2024-06-10', `${tx('10.00', 'A')}${tx('20.00', 'B')}`)));
    expect(s.transactions.map((t) => t.amount)).toEqual(['-31.00']);
    expect(s.warnings.join()).toMatch(/does not add up/);
  });
  it('reads camt.052 reports and camt.054 notifications, and detects them', () => {
    const rpt = doc('BkToCstmrAcctRpt', 'Rpt', entry('5.00', 'CRDT', '2024-07-02', '2024-07-02', tx(null, 'Anna')));
    const ntf = doc('BkToCstmrDbtCdtNtfctn', 'Ntfctn', entry('7.00', 'DBIT', '2024-07-03', '2024-07-03', tx(null, 'Bank')));
    expect(rows(parseCamt(rpt))).toEqual([['2024-07-02', '5.00', 'Anna']]);
    expect(rows(parseCamt(ntf))).toEqual([['2024-07-03', '-7.00', 'Bank']]);
    expect(detectFormat(Buffer.from(rpt), 'r.xml')).toBe('camt');
    expect(detectFormat(Buffer.from(ntf), 'n.xml')).toBe('camt');
  });
});

describe('QIF', () => {
  it("skips category and class lists, reads M/D'YYYY and M/ D'YY, splits as one row, and several accounts as sections", () => {
    const q = [
      '!Option:AutoSwitch', '!Account', 'NChecking', 'TBank', '^', '!Clear:AutoSwitch',
      '!Type:Cat', 'NGroceries', 'E', '^', '!Type:Class', 'NBusiness', '^',
      '!Account', 'NChecking', 'TBank', '^', '!Type:Bank', "D2/1'2024", 'T-150.75', 'PCostco', 'SFood', '$-100.50', 'SSoap', '$-50.25', '^',
      '!Account', 'NVisa', 'TCCard', '^', '!Type:CCard', "D2/ 4'24", 'T-32.10', 'PAmazon', '^',
    ].join('\n');
    const s = parseQif(q);
    expect(rows(s)).toEqual([['2024-02-01', '-150.75', 'Costco'], ['2024-02-04', '-32.10', 'Amazon']]);
    expect(s.sections?.map((x) => [x.accountNumber, x.firstRow, x.lastRow])).toEqual([['Checking', 0, 0], ['Visa', 1, 1]]);
  });
});

describe('OFX', () => {
  const head = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS></SONRS></SIGNONMSGSRSV1>';
  const stmt = (id: string, trns: string[]) => `<STMTTRNRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>${id}</BANKACCTFROM><BANKTRANLIST>${trns.map((t, i) => `<STMTTRN><TRNTYPE>OTHER<DTPOSTED>2024020${i + 1}<TRNAMT>${t}<FITID>${id}${i}<NAME>N${i}</STMTTRN>`).join('')}</BANKTRANLIST><LEDGERBAL><BALAMT>10.00<DTASOF>20240229</LEDGERBAL></STMTRS></STMTTRNRS>`;
  it('keeps amounts with more decimals than the currency, rounded half to even, with a warning', () => {
    const s = parseOfx(`${head}<BANKMSGSRSV1>${stmt('1', ['+00000000000115.8331', '-10.125', '-3.335'])}</BANKMSGSRSV1></OFX>`);
    expect(s.transactions.map((t) => [t.amount, t.exactAmount])).toEqual([['115.83', '115.8331'], ['-10.12', '-10.125'], ['-3.34', '-3.335']]);
    expect(s.warnings.filter((w) => /rounded half to even/.test(w))).toHaveLength(3);
  });
  it('makes an error response a clear error, not an empty statement', () => {
    expect(() => parseOfx(`${head}<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>2000<SEVERITY>ERROR<MESSAGE>General error</STATUS></STMTTRNRS></BANKMSGSRSV1></OFX>`)).toThrow(/answered with an error \(code 2000: General error\)/);
  });
  it('reads several accounts as sections, each with its own ledger balance', () => {
    const s = parseOfx(`${head}<BANKMSGSRSV1>${stmt('1111', ['-1.00'])}${stmt('2222', ['2.00', '3.00'])}</BANKMSGSRSV1></OFX>`);
    expect(s.transactions.map((t) => t.amount)).toEqual(['-1.00', '2.00', '3.00']);
    expect(s.sections?.map((x) => [x.accountNumber, x.firstRow, x.lastRow, x.closingBalance])).toEqual([['1111', 0, 0, '10.00'], ['2222', 1, 2, '10.00']]);
    expect(s.reconciled).toBeNull();
  });
});
