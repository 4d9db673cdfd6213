/** Prints the top readings the system parser proposes for one PDF (for changing the parser). Run: npx tsx scripts/debug-reading.ts FILE.pdf [N] */
import { readFileSync } from 'node:fs';
import { extractPdf } from '../src/core/statements/pdf/extract.js';
import { parseByHeaders } from '../src/core/statements/system-parser/parse.js';
import { learnDateOrder, learnDecimalMark } from '../src/core/statements/system-parser/tokens.js';
import { balanceLines } from '../src/core/statements/system-parser/readings/balances.js';
import { allCells, learnDecimalFromCells } from '../src/core/statements/system-parser/readings/cells.js';
import { proposeReadings } from '../src/core/statements/system-parser/readings/readings.js';
import { describeRule } from '../src/core/statements/system-parser/readings/signs.js';

const file = process.argv[2]!;
const doc = await extractPdf(new Uint8Array(readFileSync(file)), { filename: file });
const base = parseByHeaders(doc);
const text = doc.lines.map((l) => l.text).join('\n');
const lines = allCells(doc.lines);
const decimal = learnDecimalFromCells(lines, 'dmy') ?? learnDecimalMark(text);
const balances = balanceLines(lines, decimal);
console.log('decimal', decimal, 'period', base.period, 'currency', base.currency);
console.log('balance lines', balances.map((b) => `${b.index}:${b.kind}:${b.figures.join('/')} "${doc.lines[b.index]!.text.slice(0, 60)}"`));
const readings = proposeReadings(lines, balances, { decimal, order: learnDateOrder(text, base.currency === 'USD' ? 'mdy' : 'dmy'), period: base.period, fallbackYear: 2024 });
console.log('columns', readings[0]?.columns.map((c) => `${Math.round(c.x0)}-${Math.round(c.x1)}(${c.cells.size})`));
for (const [k, r] of readings.slice(0, Number(process.argv[3] ?? 3)).entries()) {
  process.stdout.write(`#${k} `);
  console.log(`score ${r.score} rec ${r.reconciled} ${r.opening}→${r.closing} passes ${r.passes} breaks ${r.breaks} rows ${r.rows.length} info ${r.informational.length} | balance col ${r.balanceCol === null ? '-' : r.balanceCol + 1}, ${describeRule(r.rule)}`);
}
const pick = readings[Number(process.env.PICK ?? 0)]!;
if (process.env.ROWS) for (const r of pick.rows) console.log(r.row.date, r.amount, r.balance, r.status, r.description);
if (process.env.LINES) doc.lines.forEach((l, i) => console.log(i, l.page, Math.round(l.y), l.text));
