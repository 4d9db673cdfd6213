/**
 * Trains the chat categoriser's naive Bayes model from fixtures/chat/corpus/corpus.tsv and writes
 * src/core/chat/rules/data/category-model.json (checked in; `npm run build` runs this first).
 * One vocabulary entry in ten is held out (by entry, so no entry is on both sides): the model is
 * scored on it, its temperature is fitted on it, then the model is retrained on everything.
 * Run: npm run train:categoriser [-- --check]   (--check: fail when the checked-in model is stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fitTemperature, type LabelledText, predictWithModel, trainModel } from '../src/core/chat/rules/model.js';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'src/core/chat/rules/data/category-model.json');

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function readCorpus(path = resolve(root, 'fixtures/chat/corpus/corpus.tsv')): Array<LabelledText & { thing: string }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [text, category, thing] = l.split('\t');
      return { text: text!, category: category!, thing: thing ?? text! };
    });
}

export function buildModel() {
  const rows = readCorpus();
  const held = (r: { thing: string }) => fnv(r.thing) % 10 === 0;
  const train = rows.filter((r) => !held(r));
  const test = rows.filter(held);
  const trial = trainModel(train);
  trial.temperature = fitTemperature(trial, test);
  const right = test.filter((r) => predictWithModel(trial, r.text)?.category === r.category).length;
  const model = trainModel(rows);
  model.temperature = trial.temperature;
  return { model, heldOut: { lines: test.length, accuracy: right / test.length }, trainLines: train.length };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { model, heldOut, trainLines } = buildModel();
  const json = `${JSON.stringify(model)}\n`;
  if (process.argv.includes('--check')) {
    const same = readFileSync(out, 'utf8') === json;
    console.log(same ? 'category model is up to date' : 'category model is stale: run npm run train:categoriser');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(out, json);
  console.log(`trained on ${trainLines} lines; held-out ${heldOut.lines} lines (unseen vocabulary entries): ${(heldOut.accuracy * 100).toFixed(1)}% right; temperature ${model.temperature}; ${model.vocabulary} features → ${out}`);
}
