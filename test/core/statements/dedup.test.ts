import { describe, expect, it } from 'vitest';
import { matchExisting, similarity } from '../../../src/core/statements/dedup.js';
import type { CalendarDate } from '../../../src/core/calendar/index.js';

const d = (s: string) => s as CalendarDate;
const existing = (id: string, date: string, amount: number, description: string, importKey: string | null = null, ref: string | null = 'f1') => ({
  id,
  date,
  amount_minor: amount,
  description,
  import_key: importKey,
  source_ref: ref,
});

describe('transaction-level dedup', () => {
  it('scores descriptions by shared words, ignoring bank noise and numbers', () => {
    expect(similarity('POS 4411 STARBUCKS SEATTLE', 'Starbucks Seattle')).toBeGreaterThan(0.5);
    expect(similarity('UBER *TRIP', 'uber trip help.uber.com')).toBeGreaterThan(0.4);
    expect(similarity('NETFLIX.COM', 'Spotify')).toBe(0);
  });

  it('matches by import key first, then amount within 3 days and similar words', () => {
    const ledger = [
      existing('a', '2024-03-04', -1299, 'NETFLIX.COM'),
      existing('b', '2024-03-05', -450, 'Starbucks 123'),
      existing('c', '2024-03-10', -8000, 'something else', 'ofx:FIT9'),
    ];
    const out = matchExisting(
      [
        { date: d('2024-03-06'), amountMinor: -1299, description: 'Netflix.com subscription', importKey: null },
        { date: d('2024-03-12'), amountMinor: -8000, description: 'renamed by bank', importKey: 'ofx:FIT9' },
        { date: d('2024-03-09'), amountMinor: -450, description: 'Starbucks', importKey: null },
        { date: d('2024-03-05'), amountMinor: -1299, description: 'Hulu', importKey: null },
      ],
      ledger,
    );
    expect(out.map((m) => m?.id ?? null)).toEqual(['a', 'c', null, null]);
  });

  it('matches one to one: two real coffees on one day survive when the ledger has one', () => {
    const out = matchExisting(
      [
        { date: d('2024-03-05'), amountMinor: -450, description: 'Starbucks', importKey: null },
        { date: d('2024-03-05'), amountMinor: -450, description: 'Starbucks', importKey: null },
      ],
      [existing('b', '2024-03-05', -450, 'STARBUCKS')],
    );
    expect(out.map((m) => m?.id ?? null)).toEqual(['b', null]);
  });
});
