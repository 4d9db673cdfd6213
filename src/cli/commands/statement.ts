import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Comparison, ReadResult } from '../../core/index.js';
import { io } from '../io.js';
import { formatTable, printJson, printTable, say } from '../output.js';
import { stageProgress } from '../progress.js';
import { confirmOrAbort, withFinch } from '../run.js';

async function readInput(path: string): Promise<Uint8Array> {
  const { FinchError } = await import('../../core/index.js');
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new FinchError('IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

async function parserChoice(value: string | undefined): Promise<'system' | 'ai' | undefined> {
  if (value === undefined || value === 'system' || value === 'ai') return value;
  const { FinchError } = await import('../../core/index.js');
  throw new FinchError('INVALID_INPUT', `invalid parser "${value}": system or ai`);
}

/** The `statement parse` JSON shape (issue #5). */
export function parseJsonOutput(r: ReadResult) {
  const s = r.statement;
  return {
    format: r.format,
    currency: s.currency,
    period: s.period,
    opening_balance: s.openingBalance,
    closing_balance: s.closingBalance,
    reconciled: s.reconciled,
    ocr: r.document.ocr,
    pages: r.document.pages,
    parser: r.parser,
    account_number: s.accountNumber,
    transactions: s.transactions.map((t) => ({ date: t.date, description: t.description, amount: t.amount, ...(t.exactAmount ? { exact_amount: t.exactAmount } : {}), confidence: Math.round(t.confidence * 1000) / 1000, ...(t.reviewReasons?.length ? { review: t.reviewReasons } : {}) })),
    ...(s.sections ? { sections: s.sections.map((x) => ({ account_number: x.accountNumber, currency: x.currency, first_row: x.firstRow, last_row: x.lastRow, opening_balance: x.openingBalance, closing_balance: x.closingBalance })) } : {}),
    warnings: s.warnings,
    notes: r.notes,
    stages: r.stages.map((x) => ({ stage: x.stage, status: x.status, ms: x.ms })),
  };
}

function printComparison(c: Comparison): void {
  const width = Math.max(40, Math.min(70, ...c.rows.map((r) => r.rawLines.join(' ').length)));
  say(`${c.file.filename} · ${c.file.account ?? 'no account'} · ${c.file.periodStart ?? '?'} … ${c.file.periodEnd ?? '?'} · ${c.file.status}`);
  say(
    formatTable(c.rows, [
      { header: '#', value: (r) => r.index + 1, align: 'right' },
      { header: 'raw text', value: (r) => r.rawLines.join(' ⏎ '), max: width },
      { header: 'date', value: (r) => r.date },
      { header: 'amount', value: (r) => r.amount, align: 'right' },
      { header: 'description', value: (r) => r.description, max: 32 },
      { header: 'conf', value: (r) => `${Math.round(r.confidence * 100)}%`, align: 'right' },
      { header: 'result', value: (r) => (r.review.length ? `REVIEW ${r.outcome}` : r.outcome) },
    ]).trimEnd(),
  );
  const rec = c.reconciliation;
  say(`balances: opening ${rec.opening ?? '—'}, closing ${rec.closing ?? '—'}, ${rec.reconciled === null ? 'not printed' : rec.reconciled ? 'reconciled ✓' : 'DO NOT RECONCILE'}`);
  if (c.differences.length) {
    say('needs review:');
    for (const d of c.differences) say(`  • ${d}`);
  } else say('nothing needs review');
}

export function register(program: Command): void {
  const statement = program.command('statement').description('bank and card statements: PDF (locked or scanned), CSV, OFX/QFX, QIF, CAMT.052/053/054, MT940');

  statement
    .command('parse <file>')
    .description('decrypt → extract → parse and print what finch reads; writes nothing')
    .option('--password <password>', 'password of a locked PDF')
    .option('--try-saved-passwords', 'try each saved password on a locked PDF')
    .option('--parser <parser>', 'system | ai', 'system')
    .option('--value-date', 'CAMT: date rows by value date, not booking date')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { password?: string; trySavedPasswords?: boolean; parser?: string; valueDate?: boolean; json?: boolean }, cmd: Command) => {
      const parser = await parserChoice(opts.parser);
      const bytes = await readInput(file);
      await withFinch(cmd, async (finch) => {
        const progress = opts.json ? { listener: undefined, stop: () => undefined } : await stageProgress(basename(file));
        let r: ReadResult;
        try {
          r = await finch.statements.parse(bytes, { filename: basename(file), password: opts.password, trySavedPasswords: opts.trySavedPasswords, parser, camtDate: opts.valueDate ? 'value' : undefined, onProgress: progress.listener });
        } finally {
          progress.stop();
        }
        for (const n of r.notes) io().err(`finch: ${n}\n`);
        const out = parseJsonOutput(r);
        if (opts.json) return printJson(out);
        printTable(out.transactions, [
          { header: 'date', value: (t) => t.date },
          { header: 'amount', value: (t) => t.amount, align: 'right' },
          { header: 'description', value: (t) => t.description, max: 50 },
          { header: 'conf', value: (t) => `${Math.round(t.confidence * 100)}%`, align: 'right' },
        ], 'no transactions found');
        say(`${out.format.toUpperCase()} · ${out.pages} page(s)${out.ocr ? ' · OCR' : ''} · ${out.currency ?? 'currency unknown'} · ${out.period ? `${out.period.start} … ${out.period.end}` : 'period unknown'}`);
        say(`opening ${out.opening_balance ?? '—'} · closing ${out.closing_balance ?? '—'} · ${out.reconciled === null ? 'no balances to check' : out.reconciled ? 'reconciled ✓' : 'does NOT reconcile'}`);
        say(out.stages.map((s) => `${s.stage} ${s.status} ${s.ms} ms`).join(' · '));
      });
    });

  statement
    .command('import <file>')
    .description('run a statement through the whole pipeline into an account')
    .requiredOption('--account <name>', 'the account the statement belongs to')
    .option('--password <password>', 'password of a locked PDF')
    .option('--try-saved-passwords', 'try each saved password on a locked PDF')
    .option('--parser <parser>', 'system | ai', 'system')
    .option('--value-date', 'CAMT: date rows by value date, not booking date')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { account: string; password?: string; trySavedPasswords?: boolean; parser?: string; valueDate?: boolean; json?: boolean }, cmd: Command) => {
      const parser = await parserChoice(opts.parser);
      const bytes = await readInput(file);
      await withFinch(cmd, async (finch) => {
        const progress = opts.json ? { listener: undefined, stop: () => undefined } : await stageProgress(basename(file));
        let r;
        try {
          r = await finch.statements.import({ bytes, filename: basename(file), account: opts.account, password: opts.password, trySavedPasswords: opts.trySavedPasswords, parser, camtDate: opts.valueDate ? 'value' : undefined, onProgress: progress.listener });
        } finally {
          progress.stop();
        }
        for (const n of r.notes) io().err(`finch: ${n}\n`);
        if (opts.json) {
          return printJson({
            statement_id: r.fileId,
            status: r.status,
            created: r.created,
            skipped_duplicates: r.skippedDuplicates,
            needs_review: r.needsReview,
            unread: r.unread.map((u) => ({ row: u.index + 1, line: u.line, text: u.text, reason: u.reason })),
            reconciled: r.reconciled,
            merge_suggestion: r.merge,
            stages: r.stages.map((s) => ({ stage: s.stage, status: s.status, ms: s.ms })),
          });
        }
        const unread = r.unread.length ? `, ${r.unread.length} could not be read (finch statement show ${r.fileId.slice(0, 13)})` : '';
        say(`${basename(file)} → ${opts.account}: ${r.created} created${unread}, ${r.skippedDuplicates} skipped as duplicates, ${r.needsReview} need review (${r.status})`);
        if (r.reconciled === false) say('the balances do not reconcile: see finch statement compare ' + r.fileId.slice(0, 13));
        if (r.merge) say(`it overlaps statement ${r.merge.otherFileId.slice(0, 13)} (${r.merge.matchedRows} rows in common): finch statement merge ${r.fileId.slice(0, 13)} --action merge|keep-both|delete-old`);
      });
    });

  statement
    .command('list')
    .description('imported statements')
    .option('--account <name>', 'one account')
    .option('--json', 'print JSON')
    .action(async (opts: { account?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.statements.list({ account: opts.account });
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'id', value: (f) => f.id.slice(0, 13) },
          { header: 'file', value: (f) => f.filename, max: 32 },
          { header: 'account', value: (f) => f.account ?? '' },
          { header: 'period', value: (f) => (f.periodStart ? `${f.periodStart}…${f.periodEnd}` : '') },
          { header: 'status', value: (f) => f.status },
          { header: 'new', value: (f) => f.created, align: 'right' },
          { header: 'dupes', value: (f) => f.skipped, align: 'right' },
          { header: 'review', value: (f) => f.review, align: 'right' },
        ], 'no statements yet: finch statement import FILE --account NAME');
      });
    });

  statement
    .command('show <id>')
    .description('one statement: status, period, balances, merges')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const s = await finch.statements.show(id);
        if (opts.json) return printJson(s);
        for (const [k, v] of Object.entries({ id: s.id, file: s.filename, account: s.account, format: s.format, status: s.status, error: s.error, period: s.periodStart ? `${s.periodStart} … ${s.periodEnd}` : null, pages: s.pages, ocr: s.ocr, parser: s.parser, created: s.created, duplicates: s.skipped, review: s.review, reconciled: s.statement?.reconciled ?? null })) {
          if (v !== null && v !== undefined) say(`${k.padEnd(11)} ${v}`);
        }
        for (const m of s.merges) say(`merge ${m.status.padEnd(11)} with ${m.otherFileId === s.id ? m.fileId.slice(0, 13) : m.otherFileId.slice(0, 13)}`);
        if (s.unread.length) {
          say(`${s.unread.length} row${s.unread.length === 1 ? '' : 's'} could not be read (edit them in the comparison view: finch chat, or finch statement compare):`);
          for (const u of s.unread) say(`  row ${u.index + 1}${u.line ? ` (line ${u.line})` : ''}: ${u.reason} — ${u.text.length > 100 ? `${u.text.slice(0, 99)}…` : u.text}`);
        }
      });
    });

  statement
    .command('log <id>')
    .description('the processing log: every stage with status, details and milliseconds')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const log = await finch.statements.log(id);
        if (opts.json) return printJson(log);
        printTable(log, [
          { header: 'stage', value: (l) => l.stage },
          { header: 'status', value: (l) => l.status },
          { header: 'ms', value: (l) => l.ms, align: 'right' },
          { header: 'details', value: (l) => JSON.stringify(l.details), max: 90 },
        ]);
      });
    });

  statement
    .command('compare <id>')
    .description('raw text beside the parsed rows, with confidence and what needs review')
    .option('--json', 'print JSON')
    .option('--tui', 'open the interactive comparison view: accept, edit or reject rows, resolve merges')
    .action(async (id: string, opts: { json?: boolean; tui?: boolean }, cmd: Command) => {
      if (opts.tui) {
        const { FinchError } = await import('../../core/index.js');
        if (!io().stdinIsTTY || !io().stdoutIsTTY) throw new FinchError('INVALID_INPUT', 'finch statement compare --tui needs a terminal; drop --tui for a table or --json');
        return withFinch(cmd, async (finch) => {
          const s = await finch.statements.show(id);
          const { runTui } = await import('../../tui/index.js');
          await runTui(finch, { env: io().env, initial: { view: 'compare', statementId: s.id } });
        });
      }
      await withFinch(cmd, async (finch) => {
        const c = await finch.statements.compare(id);
        if (opts.json) return printJson({ ...c, rawLines: undefined });
        printComparison(c);
      });
    });

  statement
    .command('fix <id>')
    .description("teach finch a bank's PDF layout from one correction: saved as a layout profile and used for that bank's later statements")
    .option('--column <N=ROLE...>', 'money column N (1 = leftmost, as the comparison numbers them) holds ROLE: amount, charge, debit, credit, balance or ignore')
    .option('--not-a-row <line...>', 'a printed line (as the comparison shows it) that is not a transaction')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { column?: string[]; notARow?: string[]; json?: boolean }, cmd: Command) => {
      const { FinchError } = await import('../../core/index.js');
      if (!opts.column?.length && !opts.notARow?.length) throw new FinchError('INVALID_INPUT', 'finch statement fix needs --column N=ROLE or --not-a-row LINE');
      await withFinch(cmd, async (finch) => {
        const { parseColumnRole } = await (await import('../../core/index.js')).modules.statements();
        const columns = Object.fromEntries((opts.column ?? []).map(parseColumnRole));
        const r = await finch.statements.fixLayout(id, { columns, notRows: opts.notARow ?? [] });
        if (opts.json) return printJson({ fingerprint: r.fingerprint, profile: r.profile, statement: r.statement });
        const st = r.statement;
        say(`layout ${r.fingerprint} saved: ${Object.entries(r.profile.columns).map(([n, role]) => `column ${n}=${role}`).join(', ') || 'no column roles'}${r.profile.notRows.length ? `, ${r.profile.notRows.length} line(s) not rows` : ''}`);
        say(`read again: ${st.transactions.length} rows · ${st.reconciled === true ? 'reconciled' : st.reconciled === false ? 'does NOT reconcile' : 'no balances to check'}`);
        for (const w of st.warnings) say(`warning: ${w}`);
      });
    });

  statement
    .command('merge <id>')
    .description('resolve an overlap with an older statement of the same account')
    .requiredOption('--action <action>', 'merge | keep-both | delete-old')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { action: string; json?: boolean }, cmd: Command) => {
      const { FinchError } = await import('../../core/index.js');
      if (!['merge', 'keep-both', 'delete-old'].includes(opts.action)) throw new FinchError('INVALID_INPUT', `invalid action "${opts.action}": merge, keep-both or delete-old`);
      await withFinch(cmd, async (finch) => {
        const r = await finch.statements.merge(id, opts.action as 'merge');
        if (opts.json) return printJson(r);
        say(`${r.action}: ${r.created} created, ${r.deleted} deleted`);
      });
    });

  statement
    .command('delete <id>')
    .description('delete a statement and the transactions it created')
    .option('--yes', 'do not ask')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { yes?: boolean; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const s = await finch.statements.show(id);
        if (!(await confirmOrAbort(`delete statement ${s.filename} and its ${s.created} transactions?`, opts.yes))) return say('nothing deleted');
        const r = await finch.statements.delete(s.id);
        if (opts.json) return printJson(r);
        say(`deleted statement ${s.filename} and ${r.deletedTransactions} transactions`);
      });
    });

  registerMappings(statement);

  const password = program.command('password').description('saved statement passwords (encrypted; never shown)');
  password
    .command('add <label>')
    .description('save a password; it is read from stdin (or --password) so it stays out of your shell history')
    .option('--password <password>', 'the password (prefer stdin)')
    .option('--json', 'print JSON')
    .action(async (label: string, opts: { password?: string; json?: boolean }, cmd: Command) => {
      let secret = opts.password;
      if (secret === undefined) {
        if (io().stdinIsTTY) {
          const { password: ask } = await import('@inquirer/prompts');
          secret = await ask({ message: `password for ${label}:`, mask: '*' });
        } else secret = (await io().readStdin()).replace(/\r?\n$/, '');
      }
      await withFinch(cmd, async (finch) => {
        const saved = await finch.passwords.add(label, secret!);
        if (opts.json) return printJson(saved);
        say(`saved password "${saved.label}"`);
      });
    });
  password
    .command('list')
    .description('labels of saved passwords')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.passwords.list();
        if (opts.json) return printJson(rows);
        printTable(rows, [
          { header: 'label', value: (p) => p.label },
          { header: 'saved', value: (p) => p.createdAt.slice(0, 10) },
        ], 'no saved passwords');
      });
    });
  password
    .command('remove <label>')
    .description('forget a saved password')
    .option('--json', 'print JSON')
    .action(async (label: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        await finch.passwords.remove(label);
        if (opts.json) return printJson({ removed: label });
        say(`removed password "${label}"`);
      });
    });
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `statement map` and `statement mappings`: CSV column mappings people can see and change. */
function registerMappings(statement: Command): void {
  statement
    .command('map <file>')
    .description('read a CSV with the columns you name, show the result, and save the mapping for every file with this header')
    .requiredOption('--date <col>', 'date column: header name or 1-based number')
    .option('--amount <col>', 'signed amount column')
    .option('--debit <col>', 'money-out column (with --credit)')
    .option('--credit <col>', 'money-in column (with --debit)')
    .option('--desc <col>', 'description column (repeat for several)', collect)
    .option('--balance <col>', 'running balance column')
    .option('--direction <col>', 'column saying debit/credit (S/H, Dr/Cr) for unsigned amounts')
    .option('--date-format <fmt>', 'e.g. DD.MM.YYYY, MM/DD/YY, YYYY-MM-DD')
    .option('--decimal <mark>', 'decimal mark: . or ,')
    .option('--invert', 'flip every sign (cards that print charges as positive)')
    .option('--name <name>', 'a name for the saved mapping')
    .option('--dry-run', 'preview only; save nothing')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { date: string; amount?: string; debit?: string; credit?: string; desc?: string[]; balance?: string; direction?: string; dateFormat?: string; decimal?: string; invert?: boolean; name?: string; dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const bytes = await readInput(file);
      const { FinchError } = await import('../../core/index.js');
      if (opts.decimal !== undefined && opts.decimal !== '.' && opts.decimal !== ',') throw new FinchError('INVALID_INPUT', `invalid --decimal "${opts.decimal}": . or ,`);
      await withFinch(cmd, async (finch) => {
        const { saved, preview } = await finch.statements.map(
          bytes,
          { date: opts.date, amount: opts.amount, debit: opts.debit, credit: opts.credit, description: opts.desc, balance: opts.balance, direction: opts.direction, dateFormat: opts.dateFormat, decimal: opts.decimal as '.' | ',' | undefined, invert: opts.invert },
          { save: !opts.dryRun, name: opts.name },
        );
        const rows = preview.result.parsed.transactions;
        if (opts.json) {
          return printJson({ id: preview.fingerprint, saved: saved !== null, name: saved?.name ?? null, header: preview.header, mapping: preview.mapping, evidence: preview.result.reading.evidence, transactions: rows.map((t) => ({ date: t.date, amount: t.amount, description: t.description, confidence: t.confidence })), warnings: preview.result.parsed.warnings });
        }
        printTable(rows.slice(0, 15), [
          { header: 'date', value: (t) => t.date },
          { header: 'amount', value: (t) => t.amount, align: 'right' },
          { header: 'description', value: (t) => t.description, max: 50 },
        ], 'no transactions read with this mapping');
        if (rows.length > 15) say(`… ${rows.length - 15} more`);
        say(`${rows.length} row(s) · ${preview.result.reading.evidence}`);
        for (const w of preview.result.parsed.warnings.slice(0, 5)) io().err(`finch: ${w}\n`);
        say(saved ? `saved mapping ${preview.fingerprint} ("${saved.name}"): files with this header now use it` : 'not saved (--dry-run)');
      });
    });

  registerMappingCommands(statement);
}

/** `statement mappings list|show|remove`. */
function registerMappingCommands(statement: Command): void {
  const mappings = statement.command('mappings').description('saved CSV column mappings (by header fingerprint)');
  mappings
    .command('list')
    .description('list saved mappings')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const all = await finch.statements.mappings.list();
        if (opts.json) return printJson(all);
        printTable(all, [
          { header: 'id', value: (m) => m.id },
          { header: 'name', value: (m) => m.name, max: 40 },
          { header: 'columns', value: (m) => describeMapping(m.mapping), max: 60 },
          { header: 'updated', value: (m) => m.updatedAt.slice(0, 10) },
        ], 'no saved CSV mappings');
      });
    });
  mappings
    .command('show <id>')
    .description('show one saved mapping')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const m = await finch.statements.mappings.show(id);
        if (opts.json) return printJson(m);
        say(`${m.id} · ${m.name}`);
        say(`header: ${m.header.length ? m.header.join(' | ') : '(none: a header-less layout)'}`);
        say(`columns: ${describeMapping(m.mapping)}`);
      });
    });
  mappings
    .command('remove <id>')
    .description('forget a saved mapping (files with that header are inferred again)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const m = await finch.statements.mappings.remove(id);
        if (opts.json) return printJson({ removed: m.id });
        say(`removed mapping ${m.id} ("${m.name}")`);
      });
    });
}

function describeMapping(m: import('../../core/index.js').CsvMapping): string {
  const col = (v: string | number | undefined) => (typeof v === 'number' ? `#${v + 1}` : v);
  const parts = [`date=${col(m.date)}`];
  if (m.amount !== undefined) parts.push(`amount=${col(m.amount)}`);
  if (m.debit !== undefined) parts.push(`debit=${col(m.debit)}`);
  if (m.credit !== undefined) parts.push(`credit=${col(m.credit)}`);
  if (m.direction !== undefined) parts.push(`direction=${col(m.direction)}`);
  if (m.balance !== undefined) parts.push(`balance=${col(m.balance)}`);
  if (m.description.length) parts.push(`desc=${m.description.map(col).join('+')}`);
  if (m.dateOrder) parts.push(m.dateOrder);
  if (m.decimal) parts.push(`decimal ${m.decimal}`);
  if (m.invert) parts.push('inverted');
  return parts.join(' ');
}
