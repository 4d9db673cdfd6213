import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CategoryLearner, parseMessage } from '../../../../src/core/chat/rules/index.js';
import { chooseCategory } from '../../../../src/core/chat/rules/classify.js';
import { featuresOf, fitTemperature, predictWithModel, trainModel } from '../../../../src/core/chat/rules/model.js';
import { buildModel, readCorpus } from '../../../../scripts/train-categoriser.js';
import { toCalendarDate } from '../../../../src/core/calendar/index.js';
import { currencyCode } from '../../../../src/core/money/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const p = (text: string, learner?: CategoryLearner) => parseMessage(text, { today: toCalendarDate('2026-12-01'), currency: currencyCode('USD'), learner });

describe('the statistical categoriser', () => {
  it('the checked-in model is what the training script makes from the corpus, and it scores on unseen entries', () => {
    const { model, heldOut } = buildModel();
    expect(readFileSync(join(ROOT, 'src/core/chat/rules/data/category-model.json'), 'utf8')).toBe(`${JSON.stringify(model)}\n`);
    // held out by vocabulary entry: these names and words were never trained on
    expect(heldOut.lines).toBeGreaterThan(800);
    expect(heldOut.accuracy).toBeGreaterThan(0.45);
  }, 60_000);

  it('its confidence is calibrated: on held-out lines the mean confidence is near the share right', () => {
    const rows = readCorpus();
    const test = rows.filter((_, i) => i % 10 === 0);
    const model = trainModel(rows.filter((_, i) => i % 10 !== 0));
    model.temperature = fitTemperature(model, test);
    expect(model.temperature).toBeGreaterThan(1);
    const preds = test.map((r) => ({ r, x: predictWithModel(model, r.text)! })).filter((x) => x.x);
    const accuracy = preds.filter((x) => x.x.category === x.r.category).length / preds.length;
    const mean = preds.reduce((a, x) => a + x.x.confidence, 0) / preds.length;
    expect(Math.abs(mean - accuracy)).toBeLessThan(0.1);
  }, 60_000);

  it('reads words no lexicon lists, in the supported languages', () => {
    for (const [text, want] of [
      ['Restaurantbesuch 40', 'dining'],
      ['hamburguesería 12', 'dining'],
      ['tandartsbezoek 60', 'health'],
      ['veterinária 90', 'pets'],
      ['osteopata 50', 'health'],
      ['billet de cinéma 12', 'entertainment'],
      ['bolletta della luce 70', 'utilities'],
      ['peluquero 15', 'personal_care'],
      ['croquetas para el perro 20', 'pets'],
    ] as const) expect({ text, category: p(text).category }).toEqual({ text, category: want });
  });

  it('shares character n-grams across spellings', () => {
    expect(featuresOf('Café')).toEqual(featuresOf('cafe'));
    expect(featuresOf('restaurante').filter((f) => featuresOf('resturant').includes(f)).length).toBeGreaterThan(5);
  });

  it('marks the category uncertain when nothing it knows is in the message', () => {
    expect(p('zxqv 12')).toMatchObject({ categoryUncertain: true });
    expect(p('netflix 15.49')).toMatchObject({ category: 'subscriptions', categoryUncertain: false });
  });

  it("the user's own history outweighs lexicon and model once it is sure", () => {
    const learner = CategoryLearner.fromExamples(Array.from({ length: 4 }, () => ({ text: 'Rewe', merchant: 'rewe', category: 'home' })));
    expect(p('Rewe 40').category).toBe('groceries');
    expect(chooseCategory('Rewe', 'rewe', 'expense', learner)).toMatchObject({ category: 'home', source: 'history' });
  });

  it('decides the kind of entry when the sentence does not: salary and transfer words in many languages', () => {
    for (const [text, type, category] of [
      ['Gehalt 3.480,00 €', 'income', 'salary'],
      ['sueldo 18.500 pesos', 'income', 'salary'],
      ['salário 5.200 reais', 'income', 'salary'],
      ['tankhwah aayi ₹65,000', 'income', 'salary'],
      ['Erstattung Amazon 29,99 €', 'income', 'other_income'],
      ['virement vers livret A 400 €', 'transfer', 'transfer'],
      ['Überweisung aufs Sparkonto 300 €', 'transfer', 'transfer'],
      ['lunch 12', 'expense', 'dining'],
    ] as const) expect({ text, ...pick(p(text)) }).toEqual({ text, type, category });
  });
});

function pick(s: { type: string; category: string }) {
  return { type: s.type, category: s.category };
}

describe('lexicon and model together', () => {
  it('emoji name a category', () => {
    expect(p('🍕 22').category).toBe('dining');
    expect(p('⛽ 51.20').category).toBe('fuel');
  });
  it('a model all but certain of the whole text overrules one lexicon word', () => {
    // "gas" alone is fuel in the lexicon; "bolletta gas" is the gas bill
    expect(p('bolletta gas 120 €').category).toBe('utilities');
    // a phrase in the lexicon is not overruled
    expect(p('gas bill 61').category).toBe('utilities');
    expect(p('gas 38.40').category).toBe('fuel');
  });
});
