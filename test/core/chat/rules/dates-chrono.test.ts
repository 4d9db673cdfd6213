import { describe, expect, it } from 'vitest';
import { findDate } from '../../../../src/core/chat/rules/dates.js';
import { parseMessage } from '../../../../src/core/chat/rules/index.js';
import { toCalendarDate } from '../../../../src/core/calendar/index.js';
import { currencyCode } from '../../../../src/core/money/index.js';

// Tuesday 1 December 2026
const today = toCalendarDate('2026-12-01');
const date = (text: string) => parseMessage(text, { today, currency: currencyCode('EUR') }).date;

describe('dates by chrono-node in the supported languages, preferring the past', () => {
  it.each([
    ['Einkauf 63,20 gestern', '2026-11-30'],
    ['Friseur am Samstag 35 €', '2026-11-28'],
    ['Apotheke 12,40 € vor 3 Tagen', '2026-11-28'],
    ['Strom 84 € letzten Freitag', '2026-11-27'],
    ['cena 42 € ayer', '2026-11-30'],
    ['farmacia 15 € el lunes', '2026-11-30'],
    // chrono puts "el viernes pasado" ahead of today: prefer-the-past moves it back a week
    ['cena el viernes pasado 42 €', '2026-11-27'],
    ['courses 78,40 € hier', '2026-11-30'],
    ['cinéma il y a 2 jours 11 €', '2026-11-29'],
    ['pharmacie vendredi dernier 18 €', '2026-11-27'],
    ['almoço 45 reais ontem', '2026-11-30'],
    // "sexta" alone is the coming Friday to chrono; an entry is about the past one
    ['conta de luz 156 reais sexta', '2026-11-27'],
    ['pranzo 13 € ieri', '2026-11-30'],
    ['bolletta 3 giorni fa 120 €', '2026-11-28'],
    ['lunch gisteren 12,50 €', '2026-11-30'],
    ['tanken zaterdag 64 €', '2026-11-28'],
    ['treinkaartje 2 dagen geleden 18,40 €', '2026-11-29'],
    ['concert on 5th nov 95', '2026-11-05'],
    ['flight 15/11 430', '2026-11-15'],
    ['dinner last friday 72', '2026-11-27'],
  ])('%s → %s', (text, want) => expect(date(text)).toBe(want));
});

describe('short weekday names', () => {
  it.each([
    ['brunch sat 38', '2026-11-28'],
    ['cinema thu 14', '2026-11-26'],
    ['gas mon 41', '2026-11-30'],
    ['lyft to airport 41.75 sun', '2026-11-29'],
    ['chipotle 14.60 sat', '2026-11-28'],
  ])('%s → %s', (text, want) => expect(date(text)).toBe(want));
  it('a short weekday followed by a word is not a day ("sat prep book" is the SAT)', () => {
    expect(date('sat prep book 25')).toBe('2026-12-01');
  });
});

describe("finch's own rules, where chrono lacks the words or reads them wrong", () => {
  it.each([
    // chrono finds "hier" inside "avant-hier" and answers yesterday
    ['essence avant-hier 55 €', '2026-11-29'],
    // chrono finds "ieri" inside "l'altro ieri"
    ["benzina 50 € l'altro ieri", '2026-11-29'],
    // chrono's Spanish, Portuguese and Dutch have no day-before-yesterday word
    ['taxi 95 pesos anteayer', '2026-11-29'],
    ['uber R$ 23,90 anteontem', '2026-11-29'],
    ['huur 1.100 € eergisteren', '2026-11-29'],
    // chrono's Spanish and Portuguese have no "hace N días" / "há N dias"
    ['gasolina 60 € hace 3 días', '2026-11-28'],
    ['farmácia há 2 dias R$ 37', '2026-11-29'],
    // chrono has no Hindi: kal (yesterday, for a past entry), parso, N din pehle
    ['kal chai samosa 60 rs', '2026-11-30'],
    ['parso petrol 500 rupaye', '2026-11-29'],
    ['auto wale ko 2 din pehle 80 rs diye', '2026-11-29'],
    // chrono reads "day before yesterday" only with "the"
    ['coffee 3 day before yesterday', '2026-11-29'],
    // texting shorthand
    ['doordash 27.85 last nite', '2026-11-30'],
    ['lunch 11 yday', '2026-11-30'],
    // chrono has no bare day of the month
    ['gym 30 on the 20th', '2026-11-20'],
    // chrono's English reads 05/06 as May 6; people here write day/month unless impossible
    ['electricity 76.30 on 05/06', '2026-06-05'],
  ])('%s → %s', (text, want) => expect(date(text)).toBe(want));
});

describe('numbers that are not dates', () => {
  it('street numbers, times and amounts next to a month stay what they are', () => {
    expect(parseMessage('coffee on 5th st 4.50', { today, currency: currencyCode('USD') })).toMatchObject({ date: '2026-12-01', amount: '4.50' });
    expect(parseMessage('lunch at 221 baker st 14', { today, currency: currencyCode('USD') })).toMatchObject({ date: '2026-12-01', amount: '14.00' });
    expect(parseMessage('dinner at 8pm 45', { today, currency: currencyCode('USD') })).toMatchObject({ date: '2026-12-01', amount: '45.00' });
    // chrono reads "dec 2100" as the year 2100 and "nov 18 120" as one date
    expect(parseMessage('rent dec 2100', { today, currency: currencyCode('USD') })).toMatchObject({ date: '2026-12-01', amount: '2100.00' });
    expect(parseMessage('dentist on nov 18 120', { today, currency: currencyCode('USD') })).toMatchObject({ date: '2026-11-18', amount: '120.00' });
    expect(parseMessage('cab to station 22 yesterday', { today, currency: currencyCode('USD') })).toMatchObject({ date: '2026-11-30', amount: '22.00' });
  });
  it('a message with no date is today, found without running chrono', () => {
    expect(findDate('tacos 12.50', today)).toMatchObject({ date: '2026-12-01', start: -1 });
  });
});
