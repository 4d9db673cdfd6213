import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTemplateText } from '../../../src/core/budgets/index.js';
import { FinchError } from '../../../src/core/errors/index.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/budgets/${name}`, import.meta.url), 'utf8');

function rejection(text: string, file: string): string {
  try {
    parseTemplateText(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(FinchError);
    expect((e as FinchError).code).toBe('INVALID_INPUT');
    return (e as Error).message;
  }
  throw new Error('expected the template to be rejected');
}

describe('budget template files', () => {
  it('reads a valid YAML template, keeping amounts as the decimal text written', () => {
    const { definition, lineOf } = parseTemplateText(fixture('household.yaml'), 'household.yaml');
    expect(definition.name).toBe('household');
    expect(definition.lines.map((l) => l.category)).toEqual(['rent', 'groceries', 'utilities', 'dining', 'travel', 'investments']);
    expect(definition.lines[0]).toMatchObject({ amount: '1500.00', priority: '1' });
    expect(definition.lines[1]).toMatchObject({ percent: '12.5', rollover: true });
    expect(definition.lines[4]).toMatchObject({ save: '1000.00', by: '2027-03-15' });
    expect(definition.lines[5]).toMatchObject({ rest: true });
    expect(lineOf(['lines', 3, 'up_to'])).toBe(15);
  });

  it('reads JSON through the same parser; a JSON number keeps its written digits', () => {
    const { definition } = parseTemplateText(fixture('envelopes.json'), 'envelopes.json');
    expect(definition).toMatchObject({ name: 'json-envelopes', currency: 'USD', rollover: true });
    expect(definition.lines[1]).toEqual({ category: 'dining', amount: '150.5' });
  });

  it('rejects a bad amount with the file, the line and the reason', () => {
    expect(rejection(fixture('bad-amount.yaml'), 'fixtures/budgets/bad-amount.yaml')).toBe('bad-amount.yaml line 7: amount must be a decimal like 250.00');
  });

  it('rejects YAML syntax errors with their line', () => {
    expect(rejection(fixture('bad-syntax.yaml'), 'bad-syntax.yaml')).toMatch(/^bad-syntax\.yaml line [56]: .*Flow sequence/);
  });

  it('rejects a JSON template whose percentages exceed 100, at the offending line', () => {
    expect(rejection(fixture('bad-percent.json'), 'bad-percent.json')).toBe('bad-percent.json line 6: percentages add up to more than 100 (110)');
  });

  it('rejects broken JSON syntax with a line', () => {
    const text = '{\n  "name": "x",\n  "lines": [\n    { "category": "rent", "amount": "1.00" }\n  \n';
    expect(rejection(text, 'b.json')).toMatch(/^b\.json line \d+: /);
  });

  it('names unknown keys, missing keys, duplicates and conflicting rules by line', () => {
    expect(rejection(fixture('unknown-key.yaml'), 'unknown-key.yaml')).toBe('unknown-key.yaml line 5: unknown key "rolover"');
    expect(rejection('name: x\n', 't.yaml')).toBe('t.yaml line 1: lines is missing');
    expect(rejection('name: x\nlines:\n  - category: rent\n    amount: 1\n  - amount: 5\n', 't.yaml')).toBe('t.yaml line 5: category is missing');
    expect(rejection('name: x\nlines:\n  - category: rent\n    amount: 1\n  - category: rent\n    amount: 2\n', 't.yaml')).toBe('t.yaml line 5: category rent appears twice');
    expect(rejection('name: x\nlines:\n  - category: rent\n    amount: 1\n    percent: 5\n', 't.yaml')).toBe('t.yaml line 5: give only one of amount, percent for rent');
    expect(rejection('name: x\nlines:\n  - category: travel\n    save: 100.00\n', 't.yaml')).toBe('t.yaml line 4: save needs a by date (YYYY-MM-DD) for travel');
    expect(rejection('name: x\nlines:\n  - category: travel\n    save: 100.00\n    by: 2027-02-30\n', 't.yaml')).toBe('t.yaml line 5: by must be a real day as YYYY-MM-DD');
    expect(rejection('name: x\nlines:\n  - category: a\n    rest: true\n  - category: b\n    rest: true\n', 't.yaml')).toBe('t.yaml line 6: only one line may take the rest');
    expect(rejection('- just\n- a list\n', 't.yaml')).toBe('t.yaml line 1: a template must be a mapping with name and lines');
  });
});
