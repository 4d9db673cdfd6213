import type { Command } from 'commander';
import type { ChatParseResult, Suggestion } from '../../core/index.js';
import type { Finch } from '../../core/index.js';
import { io } from '../io.js';
import { printJson, printJsonLine, printTable, say } from '../output.js';
import { withFinch } from '../run.js';
import { txJson } from './tx.js';

interface ParseFlags {
  json?: boolean;
  today?: string;
  currency?: string;
  mode: string;
}

async function parseOptions(flags: ParseFlags) {
  const { toCalendarDate } = await import('../../core/index.js');
  const { currencyCode } = await import('../../core/index.js');
  const { FinchError } = await import('../../core/index.js');
  if (!['rules', 'ai', 'auto'].includes(flags.mode)) throw new FinchError('INVALID_INPUT', `invalid mode "${flags.mode}": rules, ai or auto`);
  return {
    today: flags.today ? toCalendarDate(flags.today, '--today date') : undefined,
    currency: flags.currency ? currencyCode(flags.currency) : undefined,
    mode: flags.mode as 'rules' | 'ai' | 'auto',
  };
}

export function suggestionJson(s: Suggestion) {
  return {
    amount: s.amount,
    currency: s.currency,
    date: s.date,
    description: s.description,
    merchant: s.merchant,
    category: s.category,
    type: s.type,
    mentions: s.mentions,
    tags: s.tags,
    split: s.split,
    payer: s.payer ?? null,
    repayment: s.repayment ?? null,
    category_uncertain: s.categoryUncertain ?? false,
    confidence: Math.round(s.confidence * 100) / 100,
  };
}

function splitText(split: NonNullable<Suggestion['split']>, who: (name: string) => string): string {
  const name = (n: string) => (n === 'me' ? 'me' : who(n));
  if (split.method === 'equal' || !split.parts?.length) return `equally: me, ${split.with.map(who).join(', ')}`;
  const unit = split.method === 'percent' ? '%' : split.method === 'shares' ? ' shares' : '';
  const parts = split.parts.map((p) => `${name(p.who)} ${p.value}${unit}`);
  return `${split.method}: ${parts.join(', ')}${split.rest ? `, rest ${name(split.rest)}` : ''}`;
}

function card(r: ChatParseResult): string {
  const s = r.suggestion;
  const who = (name: string) => {
    const m = r.mentions.find((x) => x.text === name)?.match;
    return m ? `@${m.handle}${m.exact ? '' : ` (for @${name})`}` : `@${name} (new)`;
  };
  const rows: Array<[string, string]> = [
    ['amount', `${s.amount} ${s.currency}`],
    ['type', s.type],
    ['date', s.date],
    ['description', s.description],
    ['merchant', s.merchant ?? ''],
    ['category', s.category],
    ['mentions', s.mentions.map(who).join(' ')],
    ['tags', s.tags.map((t) => `#${t}`).join(' ')],
    ['split', s.split ? splitText(s.split, who) : ''],
    ['paid by', s.payer ? who(s.payer) : ''],
    ['repayment', s.repayment ? (s.repayment.direction === 'to_me' ? `${who(s.repayment.person)} paid me back` : `I paid ${who(s.repayment.person)} back`) : ''],
  ];
  const title = `suggestion · ${r.answeredBy} · ${Math.round(s.confidence * 100)}% sure`;
  const body = rows.filter(([, v]) => v).map(([k, v]) => `│ ${k.padEnd(12)} ${v}`);
  return [`╭─ ${title}`, ...body, '╰─'].join('\n');
}

async function interactiveReview(finch: Finch, result: ChatParseResult): Promise<Suggestion | null> {
  const { select, input } = await import('@inquirer/prompts');
  const { editSuggestion, EDITABLE_FIELDS } = await (await import('../../core/index.js')).modules.chat();
  const categories = (await finch.categories.list()).map((c) => c.slug);
  let current = result.suggestion;
  for (;;) {
    const choice = await select({
      message: 'Save this transaction?',
      choices: [
        { name: 'Save', value: 'save' },
        { name: 'Edit a field', value: 'edit' },
        { name: 'Cancel', value: 'cancel' },
      ],
    });
    if (choice === 'save') return (await confirmNewPeople(finch, current)) ? current : null;
    if (choice === 'cancel') return null;
    const field = await select({ message: 'Which field?', choices: EDITABLE_FIELDS.map((f) => ({ name: f, value: f })) });
    const shown = (current as unknown as Record<string, unknown>)[field];
    const value = await input({ message: `${field}:`, default: Array.isArray(shown) ? shown.join(' ') : String(shown ?? '') });
    try {
      current = editSuggestion(current, field, value, categories);
    } catch (e) {
      io().err(`${(e as Error).message}\n`);
    }
    io().out(`${card({ ...result, suggestion: current })}\n`);
  }
}

/** Asks before a save creates people nobody has added yet; a "no" leaves everything unsaved. */
async function confirmNewPeople(finch: Finch, suggestion: Suggestion): Promise<boolean> {
  const names = [...new Set([
    ...suggestion.mentions,
    ...(suggestion.split?.with ?? []),
    ...(suggestion.split?.parts ?? []).map((p) => p.who).filter((w) => w !== 'me'),
    ...(suggestion.payer ? [suggestion.payer] : []),
    ...(suggestion.repayment ? [suggestion.repayment.person] : []),
  ])];
  const unknown = (await finch.chat.resolveMentions(names)).filter((m) => !m.match).map((m) => m.text);
  if (unknown.length === 0) return true;
  const { confirm } = await import('@inquirer/prompts');
  for (const name of unknown) {
    if (!(await confirm({ message: `@${name} is someone new: add them to your people?`, default: true }))) {
      io().err(`finch: @${name} is not one of your people (finch people add ${name}), so nothing was saved\n`);
      return false;
    }
  }
  return true;
}

export function register(program: Command): void {
  program
    .command('parse [text]')
    .description('turn a chat-style message into a suggestion (JSON); with no text, one message per stdin line → JSON Lines')
    .option('--json', 'print JSON (the default for this command)')
    .option('--today <date>', 'the day relative dates count from (default: today)')
    .option('--currency <code>', 'home currency for messages that name none (default: the profile\'s)')
    .option('--mode <mode>', 'rules | ai | auto', 'rules')
    .action(async (text: string | undefined, flags: ParseFlags, cmd: Command) => {
      const options = { ...(await parseOptions(flags)), record: false };
      await withFinch(cmd, async (finch) => {
        if (text !== undefined) {
          const r = await finch.chat.parse(text, options);
          for (const n of r.notes) io().err(`finch: ${n}\n`);
          printJsonLine({ ...suggestionJson(r.suggestion), answered_by: r.answeredBy });
          return;
        }
        for await (const line of io().stdinLines()) {
          try {
            const r = await finch.chat.parse(line, options);
            printJsonLine({ ...suggestionJson(r.suggestion), answered_by: r.answeredBy, ...(r.notes.length ? { notes: r.notes } : {}) });
          } catch (e) {
            const { isFinchError } = await import('../../core/index.js');
            if (!isFinchError(e)) throw e;
            printJsonLine({ input: line, error: e.message });
          }
        }
      });
    });

  program
    .command('add <text...>')
    .description('add spending the way you would text it: finch add "@john $50 lunch at pizza place"')
    .option('--yes', 'save without asking (creates unknown @people)')
    .option('--account <name>', 'account to book it on')
    .option('--today <date>', 'the day relative dates count from')
    .option('--currency <code>', 'currency when the message names none')
    .option('--mode <mode>', 'rules | ai | auto', 'auto')
    .option('--json', 'print what was saved as JSON')
    .action(async (words: string[], flags: ParseFlags & { yes?: boolean; account?: string }, cmd: Command) => {
      const options = await parseOptions(flags);
      await withFinch(cmd, async (finch) => {
        const result = await finch.chat.parse(words.join(' '), options);
        for (const n of result.notes) io().err(`finch: ${n}\n`);
        if (!flags.json) say(card(result));
        let chosen: Suggestion | null = result.suggestion;
        if (!flags.yes) {
          if (!io().stdinIsTTY) {
            const { FinchError } = await import('../../core/index.js');
            throw new FinchError('INVALID_INPUT', 'not saved: confirm with --yes when there is no terminal to ask on');
          }
          chosen = await interactiveReview(finch, result);
        }
        if (!chosen) {
          const { updateMessage } = await (await import('../../core/index.js')).modules.chat();
          if (result.messageId) await updateMessage(finch.ctx, result.messageId, { status: 'discarded' });
          return say('not saved');
        }
        const saved = await finch.chat.save(chosen, { account: flags.account, createPeople: true, messageId: result.messageId ?? undefined });
        if (flags.json) printJson({ ...txJson(saved), message_id: result.messageId, answered_by: result.answeredBy });
        else say(`✓ saved ${saved.id.slice(0, 13)}  ${saved.date}  ${saved.amount} ${saved.currency}  ${saved.description}`);
      });
    });

  const chat = program
    .command('chat')
    .description('the interactive chat view (a terminal UI): type spending, confirm cards, drop statement files; Ctrl+K searches')
    .action(async (_flags: unknown, cmd: Command) => {
      if (!io().stdinIsTTY || !io().stdoutIsTTY) {
        const { FinchError } = await import('../../core/index.js');
        throw new FinchError('INVALID_INPUT', 'finch chat needs a terminal; use finch add or finch parse');
      }
      await withFinch(cmd, async (finch) => {
        const { runTui } = await import('../../tui/index.js');
        await runTui(finch, { env: io().env });
      });
    });
  chat
    .command('history')
    .description('messages you entered, with their status and parsed data')
    .option('--limit <n>', 'most recent N', (v) => Number(v), 50)
    .option('--status <status>', 'processing | completed | saved | failed | discarded')
    .option('--json', 'print JSON')
    .action(async (flags: { limit: number; status?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const rows = await finch.chat.history({ limit: flags.limit, status: flags.status as 'saved' | undefined });
        if (flags.json) return printJson(rows);
        printTable(rows, [
          { header: 'when', value: (m) => m.createdAt.slice(0, 16).replace('T', ' ') },
          { header: 'status', value: (m) => m.status },
          { header: 'message', value: (m) => m.content, max: 50 },
          { header: 'by', value: (m) => m.provider ?? '' },
          { header: 'transaction', value: (m) => m.transactionId?.slice(0, 13) ?? '' },
          { header: 'error', value: (m) => m.error ?? '', max: 40 },
        ], 'no messages yet: try finch add "coffee 4.50"');
      });
    });
}
