import type { Command } from 'commander';
import { io } from '../io.js';
import { printJson, printTable, say } from '../output.js';
import { withFinch } from '../run.js';

async function readSecret(label: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  if (io().stdinIsTTY) {
    const { password } = await import('@inquirer/prompts');
    return password({ message: `${label}:`, mask: '*' });
  }
  return (await io().readStdin()).trim();
}

export function register(program: Command): void {
  const ai = program.command('ai').description('AI providers (OpenAI, Anthropic Claude, Google Gemini): keys, settings, usage');

  ai.command('set-key <provider>')
    .description('store an API key, encrypted (read from stdin or a hidden prompt, never echoed)')
    .option('--key <key>', 'the key (prefer stdin: it stays out of your shell history)')
    .option('--json', 'print JSON')
    .action(async (provider: string, opts: { key?: string; json?: boolean }, cmd: Command) => {
      const key = await readSecret(`${provider} API key`, opts.key);
      await withFinch(cmd, async (finch) => {
        const { setAiKey } = await (await import('../../core/index.js')).modules.ai();
        await setAiKey(finch.ctx, finch.secrets(), provider, key);
        if (opts.json) return printJson({ provider, stored: true });
        say(`stored the ${provider} key (encrypted)`);
      });
    });

  ai.command('remove-key <provider>')
    .description('forget a stored key')
    .option('--json', 'print JSON')
    .action(async (provider: string, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const { removeAiKey } = await (await import('../../core/index.js')).modules.ai();
        const removed = await removeAiKey(finch.ctx, provider);
        if (opts.json) return printJson({ provider, removed });
        say(removed ? `removed the ${provider} key` : `no stored ${provider} key`);
      });
    });

  ai.command('keys')
    .description('which providers have a key, and where it comes from (never the key itself)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const { listAiKeys } = await (await import('../../core/index.js')).modules.ai();
        const keys = await listAiKeys(finch.ctx, finch.env);
        if (opts.json) return printJson(keys);
        printTable(keys, [
          { header: 'provider', value: (k) => k.provider },
          { header: 'key', value: (k) => k.source },
        ]);
      });
    });

  ai.command('config [key] [value]')
    .description('show the AI settings, or set one (ai.providers, ai.model.<provider>, ai.base_url.<provider>, ai.price.<model>, ai.rate_limit_per_hour, ai.cache_ttl_hours, ai.timeout_ms); "default" resets')
    .option('--json', 'print JSON')
    .action(async (key: string | undefined, value: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const m = await (await import('../../core/index.js')).modules.ai();
        if (key !== undefined) {
          const { FinchError } = await import('../../core/index.js');
          if (value === undefined) throw new FinchError('INVALID_INPUT', `give a value for ${key} (or "default")`);
          await m.setAiSetting(finch.ctx, key, value === 'default' ? null : value);
        }
        const settings = await m.getAiSettings(finch.ctx);
        if (opts.json) return printJson(settings);
        say(`providers          ${settings.providers?.join(', ') ?? 'every provider with a key (openai, anthropic, gemini)'}`);
        for (const [p, model] of Object.entries(settings.models)) say(`model.${p.padEnd(12)} ${model}${settings.baseUrls[p as 'openai'] ? `  @ ${settings.baseUrls[p as 'openai']}` : ''}`);
        say(`rate limit         ${settings.rateLimitPerHour} calls/hour`);
        say(`cache              ${settings.cacheTtlHours} h`);
        say(`timeout            ${settings.timeoutMs} ms`);
      });
    });

  ai.command('usage')
    .description('AI calls, tokens, cost and latency per provider and model')
    .option('--from <date>', 'from YYYY-MM-DD')
    .option('--to <date>', 'to YYYY-MM-DD')
    .option('--json', 'print JSON')
    .action(async (opts: { from?: string; to?: string; json?: boolean }, cmd: Command) => {
      await withFinch(cmd, async (finch) => {
        const { aiUsageReport } = await (await import('../../core/index.js')).modules.ai();
        const report = await aiUsageReport(finch.ctx, { from: opts.from, to: opts.to });
        if (opts.json) return printJson(report);
        printTable(
          report.rows.length ? [...report.rows, report.total] : [],
          [
            { header: 'provider', value: (r) => r.provider },
            { header: 'model', value: (r) => r.model },
            { header: 'calls', value: (r) => r.calls, align: 'right' },
            { header: 'ok', value: (r) => r.ok, align: 'right' },
            { header: 'errors', value: (r) => r.errors, align: 'right' },
            { header: 'invalid', value: (r) => r.invalid, align: 'right' },
            { header: 'cached', value: (r) => r.cached, align: 'right' },
            { header: 'in tok', value: (r) => r.inputTokens, align: 'right' },
            { header: 'out tok', value: (r) => r.outputTokens, align: 'right' },
            { header: 'cost $', value: (r) => r.cost, align: 'right' },
            { header: 'avg ms', value: (r) => r.avgLatencyMs ?? '', align: 'right' },
          ],
          'no AI calls yet',
        );
      });
    });
}
