import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { toCalendarDate } from '../../../src/core/index.js';
import { DEFAULT_CATEGORY_SLUGS } from '../../../src/core/ledger/categories.js';
import { aiParseMessage, aiParseStatement, aiParseStatementDetailed } from '../../../src/core/ai/index.js';
import { aiWorld, type AiWorld } from './setup.js';

const today = toCalendarDate('2025-03-10');

const dinner = {
  amount: '1234.50',
  currency: 'USD',
  date: '2025-03-09',
  description: 'dinner',
  merchant: 'Olive Garden',
  category: 'dining',
  type: 'expense',
  mentions: ['@Sam', 'priya', 'ghost'],
  tags: ['#Trip', 'trip', 'food'],
  split: { with: ['Sam', '@priya'] },
  confidence: 0.9,
  fieldConfidence: { amount: 0.95, date: 0.8, category: 0.9, type: 1 },
};
const dinnerText = 'dinner $1,234.50 at Olive Garden yesterday with @Sam and @priya, split #Trip #food';

const statementText = [
  'FIRST BANK', // 0
  'Statement period 2025-01-01 to 2025-01-31', // 1
  'Account ****1234   Currency: USD', // 2
  'Opening balance 1,000.00', // 3
  '', // 4
  '01/05 COFFEE SHOP          -4.50     995.50', // 5
  '01/07 SALARY ACME       2,000.00   2,995.50', // 6
  '\f01/20 RENT            -1,500.00   1,495.50', // 7  (page 2)
  'Closing balance 1,495.50', // 8
].join('\n');

const statementAnswer = {
  institution: 'First Bank',
  accountNumber: '****1234',
  currency: 'USD',
  periodStart: '2025-01-01',
  periodEnd: '2025-01-31',
  openingBalance: '1000.00',
  closingBalance: '1495.50',
  transactions: [
    { date: '2025-01-05', description: 'COFFEE SHOP', amount: '-4.5', balance: '995.50', lines: [5], confidence: 0.95 },
    { date: '2025-01-07', description: 'SALARY  ACME', amount: '+2000.00', balance: '2995.50', lines: [6], confidence: 0.9 },
    { date: '2025-01-20', description: 'RENT', amount: '-1500.00', balance: '1495.50', lines: [7, 99], confidence: 0.99 },
  ],
};

describeEachDialect('AI tasks', (t) => {
  let w: AiWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
    await t.cleanup();
  });

  it('chat: maps the model answer to a Suggestion', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    w.servers.openai.enqueue({ kind: 'json', value: dinner });
    const result = await aiParseMessage(w.ai, dinnerText, { today, currency: 'EUR' });
    expect(result.provider).toBe('openai');
    expect(result.value).toEqual({
      amount: '1234.50',
      amountMinor: 123450,
      currency: 'USD',
      date: '2025-03-09',
      description: 'dinner',
      merchant: 'Olive Garden',
      category: 'dining',
      type: 'expense',
      mentions: ['Sam', 'priya'], // "ghost" is not in the message
      tags: ['trip', 'food'],
      split: { method: 'equal', with: ['Sam', 'priya'] },
      payer: null,
      repayment: null,
      confidence: 0.9,
      fieldConfidence: { amount: 0.95, date: 0.8, category: 0.9, type: 1 },
    });

    const body = w.servers.openai.requests[0]!.body;
    const system = body.messages[0].content as string;
    expect(system).toContain('Today is 2025-03-10');
    expect(system).toContain('The default currency is EUR');
    expect(body.messages[1].content).toContain(dinnerText);
    const schema = body.response_format.json_schema.schema;
    expect(schema.properties.category.enum).toEqual([...DEFAULT_CATEGORY_SLUGS]);
    expect(schema.properties.type.enum).toEqual(['expense', 'income', 'transfer']);
    expect(schema.required).toEqual(expect.arrayContaining(['amount', 'currency', 'date', 'split', 'fieldConfidence']));
    expect((await w.usage())[0]).toMatchObject({ purpose: 'chat-parse', outcome: 'ok' });
  });

  it('chat: uses the currency digits (JPY has none) and turns a split with nobody named into null', async () => {
    w = await aiWorld(t, { keys: ['gemini'] });
    w.servers.gemini.enqueue({ kind: 'json', value: { ...dinner, amount: '1500', currency: 'JPY', mentions: [], tags: [], split: { with: ['nobody'] } } });
    const { value } = await aiParseMessage(w.ai, 'ramen 1500 yen', { today, currency: 'JPY' });
    expect(value).toMatchObject({ amount: '1500', amountMinor: 1500, currency: 'JPY', mentions: [], split: null });
  });

  it('chat: an unknown currency, too many decimals, a day that does not exist or an unknown category is invalid output', async () => {
    w = await aiWorld(t, { keys: ['openai', 'anthropic', 'gemini'] });
    w.servers.openai.enqueue({ kind: 'json', value: { ...dinner, currency: 'XYZ' } }, { kind: 'json', value: { ...dinner, amount: '12.345' } });
    w.servers.anthropic.enqueue({ kind: 'json', value: { ...dinner, date: '2025-02-30' } }, { kind: 'json', value: { ...dinner, category: 'yachts' } });
    w.servers.gemini.enqueue({ kind: 'json', value: { ...dinner, amount: '0.00' } }, { kind: 'json', value: { ...dinner, amount: '20', currency: 'GBP' } });
    const result = await aiParseMessage(w.ai, dinnerText, { today, currency: 'USD' });
    expect(result.provider).toBe('gemini');
    expect(result.value).toMatchObject({ amount: '20', amountMinor: 2000, currency: 'GBP' });
    const errors = (await w.usage()).map((u) => [u.outcome, u.error]);
    expect(errors.slice(0, 5).every(([o]) => o === 'invalid')).toBe(true);
    expect(errors[0]![1]).toContain('currency');
    expect(errors[1]![1]).toMatch(/amount: .*2 decimal places/);
    expect(errors[2]![1]).toContain('date');
    expect(errors[3]![1]).toContain('category');
    expect(errors[4]![1]).toContain('more than zero');
    expect(errors[5]).toEqual(['ok', null]);
  });

  it('chat: a custom category list is offered and accepted', async () => {
    w = await aiWorld(t, { keys: ['anthropic'] });
    w.servers.anthropic.enqueue({ kind: 'json', value: { ...dinner, category: 'yachts' } });
    const { value } = await aiParseMessage(w.ai, dinnerText, { today, currency: 'USD', categories: ['dining', 'yachts'] });
    expect(value.category).toBe('yachts');
    expect(w.servers.anthropic.requests[0]!.body.tools[0].input_schema.properties.category.enum).toEqual(['dining', 'yachts']);
  });

  it('statement: rows with signed amounts, source lines and pages, header fields, reconciled', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    w.servers.openai.enqueue({ kind: 'json', value: statementAnswer });
    const st = await aiParseStatement(w.ai, statementText, { currencyHint: 'USD' });
    expect(st).toMatchObject({
      currency: 'USD',
      period: { start: '2025-01-01', end: '2025-01-31' },
      openingBalance: '1000.00',
      closingBalance: '1495.50',
      reconciled: true,
      accountNumber: '****1234',
      institution: 'First Bank',
      warnings: [],
    });
    expect(st.transactions).toEqual([
      { date: '2025-01-05', description: 'COFFEE SHOP', amount: '-4.50', balance: '995.50', confidence: 0.95, source: { page: 1, lineIndexes: [5], text: '01/05 COFFEE SHOP          -4.50     995.50' } },
      { date: '2025-01-07', description: 'SALARY ACME', amount: '2000.00', balance: '2995.50', confidence: 0.9, source: { page: 1, lineIndexes: [6], text: '01/07 SALARY ACME       2,000.00   2,995.50' } },
      // Line 99 is not in the text: dropped from the source.
      { date: '2025-01-20', description: 'RENT', amount: '-1500.00', balance: '1495.50', confidence: 0.99, source: { page: 2, lineIndexes: [7], text: '01/20 RENT            -1,500.00   1,495.50' } },
    ]);
    // The model saw numbered lines, with blank lines left out.
    const prompt = w.servers.openai.requests[0]!.body.messages[1].content as string;
    expect(prompt).toContain('5| 01/05 COFFEE SHOP');
    expect(prompt).not.toContain('4| ');
    expect((await w.usage())[0]).toMatchObject({ purpose: 'statement-parse', outcome: 'ok' });
  });

  it('statement: balances that do not add up are reported, and rows out of step are flagged', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    const answer = structuredClone(statementAnswer);
    answer.closingBalance = '1400.00';
    answer.transactions[1]!.balance = '2999.99';
    answer.transactions[2]!.date = '2025-02-03';
    answer.transactions[0]!.lines = [];
    w.servers.openai.enqueue({ kind: 'json', value: answer });
    const st = await aiParseStatement(w.ai, statementText);
    expect(st.reconciled).toBe(false);
    expect(st.warnings).toContain('opening balance plus the rows differs from the closing balance by -95.50');
    expect(st.transactions[0]!.reviewReasons).toEqual(['the row does not point at a line of the statement text']);
    expect(st.transactions[1]!.reviewReasons).toEqual(['running balance does not follow from the previous row']);
    expect(st.transactions[1]!.confidence).toBe(0.5);
    // Row 2 follows from the computed balance: only the misread row is flagged.
    expect(st.transactions[2]!.reviewReasons).toEqual(['date outside the statement period']);
  });

  it('statement: newest-first listings pass the running-balance check; a misread amount flags its row', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    const newestFirst = { ...statementAnswer, transactions: [...statementAnswer.transactions].reverse() };
    const misread = structuredClone(statementAnswer);
    misread.transactions[1]!.amount = '200.00';
    w.servers.openai.enqueue({ kind: 'json', value: newestFirst }, { kind: 'json', value: misread });
    const a = await aiParseStatement(w.ai, statementText);
    expect(a.transactions.map((r) => r.reviewReasons)).toEqual([undefined, undefined, undefined]);
    expect(a.reconciled).toBe(true);
    const b = await aiParseStatement(w.ai, `${statementText}\nEND OF STATEMENT`); // a different text, not a cache hit
    expect(b.transactions.map((r) => r.reviewReasons)).toEqual([undefined, ['running balance does not follow from the previous row'], undefined]);
    expect(b.reconciled).toBe(false);
  });

  it('statement: no balances → reconciled is null', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    w.servers.openai.enqueue({ kind: 'json', value: { ...statementAnswer, openingBalance: null, closingBalance: null } });
    const st = await aiParseStatement(w.ai, statementText);
    expect(st.reconciled).toBeNull();
    expect(st.openingBalance).toBeNull();
  });

  it('statement: long text is sent in pieces and the rows are joined in order', async () => {
    w = await aiWorld(t, { keys: ['openai'] });
    const lines = ['BANK', 'Opening balance 0.00'];
    for (let i = 1; i <= 40; i++) lines.push(`2025-01-${String((i % 28) + 1).padStart(2, '0')} PURCHASE NUMBER ${String(i).padStart(3, '0')}   -1.00`);
    lines.push('Closing balance -40.00');
    const text = lines.join('\n');
    const rowFor = (index: number) => ({ date: lines[index]!.slice(0, 10), description: lines[index]!.slice(11, 30).trim(), amount: '-1.00', balance: null, lines: [index], confidence: 0.9 });
    // The pieces the text should be cut into (≤ 600 characters, counting 8 for each line's number),
    // each answered with the rows of exactly its lines.
    w.servers.openai.setDefault({ kind: 'status', status: 500 });
    const pieces: number[][] = [];
    let cursor = 0;
    const indexes = lines.map((_, i) => i);
    while (cursor < indexes.length) {
      let size = 0;
      const piece: number[] = [];
      while (cursor < indexes.length && (piece.length === 0 || size + lines[cursor]!.length + 8 <= 600)) {
        size += lines[cursor]!.length + 8;
        piece.push(cursor++);
      }
      pieces.push(piece);
    }
    expect(pieces.length).toBeGreaterThan(2);
    for (const [n, piece] of pieces.entries()) {
      w.servers.openai.enqueue({
        kind: 'json',
        value: {
          institution: n === 0 ? 'Bank' : null,
          accountNumber: null,
          currency: null,
          periodStart: null,
          periodEnd: null,
          openingBalance: piece.includes(1) ? '0.00' : null,
          closingBalance: piece.includes(lines.length - 1) ? '-40.00' : null,
          transactions: piece.filter((i) => i >= 2 && i < lines.length - 1).map(rowFor),
        },
      });
    }
    const result = await aiParseStatementDetailed(w.ai, text, { chunkChars: 600, currencyHint: 'USD' });
    const requests = w.servers.openai.requests;
    expect(requests).toHaveLength(pieces.length);
    for (const [n, piece] of pieces.entries()) {
      const prompt = requests[n]!.body.messages[1].content as string;
      expect(prompt).toContain(`This is part ${n + 1} of ${pieces.length} of the statement.`);
      for (const i of piece) expect(prompt).toContain(`${i}| ${lines[i]}`);
      expect(prompt.length).toBeLessThan(900);
    }
    expect(result.providers).toEqual(pieces.map(() => 'openai'));
    const st = result.statement;
    expect(st.transactions.map((r) => r.description)).toEqual(lines.slice(2, -1).map((l) => l.slice(11, 30).trim()));
    expect(st.transactions.map((r) => r.source.lineIndexes[0])).toEqual(lines.slice(2, -1).map((_, i) => i + 2));
    expect(st).toMatchObject({ institution: 'Bank', openingBalance: '0.00', closingBalance: '-40.00', reconciled: true });
  });

  it('statement: amounts with more decimals than the currency has are invalid output', async () => {
    w = await aiWorld(t, { keys: ['openai', 'anthropic'] });
    const bad = structuredClone(statementAnswer);
    bad.transactions[0]!.amount = '-4.505';
    w.servers.openai.enqueue({ kind: 'json', value: bad }, { kind: 'json', value: bad });
    w.servers.anthropic.enqueue({ kind: 'json', value: statementAnswer });
    const result = await aiParseStatementDetailed(w.ai, statementText, { currencyHint: 'USD' });
    expect(result.providers).toEqual(['anthropic']);
    expect(result.notes).toEqual(['openai returned output that does not match the schema, retried; openai returned output that does not match the schema; answered by anthropic']);
    const usage = await w.usage();
    expect(usage[0]!.error).toMatch(/transactions\.0\.amount: .*USD has 2 decimal places/);
  });

  it('statement: no provider → AI_UNAVAILABLE, so the caller uses the system parser', async () => {
    w = await aiWorld(t, { keys: [] });
    await expect(aiParseStatement(w.ai, statementText)).rejects.toMatchObject({ code: 'AI_UNAVAILABLE' });
  });
});
