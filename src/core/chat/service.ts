import type { Ctx } from '../db/index.js';
import { FinchError, isFinchError } from '../errors/index.js';
import { type CalendarDate, today as todayOf } from '../calendar/index.js';
import type { CurrencyCode } from '../money/index.js';
import type { SecretBox } from '../secrets/index.js';
import { type CategoryLearner, parseMessage, type Suggestion } from './rules/index.js';
import { learnerFromHistory } from './learning.js';
import { recordMessage, updateMessage } from './history.js';
import { resolveMentions, type ResolvedMention } from './mentions.js';

export type ParseMode = 'rules' | 'ai' | 'auto';

export interface ChatParseOptions {
  today?: CalendarDate;
  currency?: CurrencyCode;
  mode?: ParseMode;
  /** Keep the message in chat history (default true). `finch parse` only parses. */
  record?: boolean;
}

export interface ChatParseResult {
  messageId: string | null;
  suggestion: Suggestion;
  /** Who answered: "rules" or the AI provider's name. */
  answeredBy: string;
  /** What the person should know, e.g. that the AI failed and rules were used. */
  notes: string[];
  mentions: ResolvedMention[];
}

/** Parses chat messages for one user: rules always, AI when asked and available. */
export class ChatService {
  private learner: Promise<CategoryLearner> | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly deps: { secrets: () => SecretBox; env: NodeJS.ProcessEnv },
  ) {}

  /** What the user's categorised history teaches (built once per service). */
  private learned(): Promise<CategoryLearner> {
    this.learner ??= (async () => {
      return learnerFromHistory(this.ctx);
    })();
    return this.learner;
  }

  /** Forget what was learned, after the history changed. */
  relearn(): void {
    this.learner = undefined;
  }

  async parse(text: string, options: ChatParseOptions = {}): Promise<ChatParseResult> {
    const mode = options.mode ?? 'rules';
    const record = options.record ?? true;
    const messageId = record ? await recordMessage(this.ctx, text.slice(0, 10_000), mode) : null;
    try {
      const base = { today: options.today ?? todayOf(), currency: options.currency ?? this.ctx.homeCurrency };
      const rules = parseMessage(text, { ...base, learner: await this.learned() });
      let suggestion = rules;
      let answeredBy = 'rules';
      const notes: string[] = [];
      if (mode !== 'rules') {
        const ai = await this.tryAi(text, base, mode);
        if (ai.suggestion) {
          suggestion = ai.suggestion;
          answeredBy = ai.provider;
        }
        notes.push(...ai.notes);
      }
      const mentions = await resolveMentions(this.ctx, [...new Set([...suggestion.mentions, ...(suggestion.split?.with ?? [])])]);
      if (messageId) await updateMessage(this.ctx, messageId, { status: 'completed', parsed: suggestion, provider: answeredBy });
      return { messageId, suggestion, answeredBy, notes, mentions };
    } catch (e) {
      if (messageId) await updateMessage(this.ctx, messageId, { status: 'failed', error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  private async tryAi(text: string, base: { today: CalendarDate; currency: CurrencyCode }, mode: ParseMode): Promise<{ suggestion?: Suggestion; provider: string; notes: string[] }> {
    const aiModule = await import('../ai/index.js');
    const client = aiModule.createAiClient(this.ctx, { secrets: this.deps.secrets(), env: this.deps.env });
    // A key or a base URL alone (a local OpenAI-compatible server) makes a provider available.
    if ((await client.chain()).length === 0) {
      return { provider: 'rules', notes: mode === 'ai' ? ['no AI provider is configured (set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or finch ai set-key); used the rules parser'] : [] };
    }
    try {
      const result = await aiModule.aiParseMessage(client, text, base);
      return { suggestion: result.value, provider: result.provider, notes: result.notes };
    } catch (e) {
      if (isFinchError(e) && (e.code === 'AI_UNAVAILABLE' || e.code === 'RATE_LIMITED')) {
        return { provider: 'rules', notes: [e.code === 'RATE_LIMITED' ? e.message : `${e.message}; used the rules parser`] };
      }
      throw e instanceof FinchError ? e : new FinchError('AI_UNAVAILABLE', `AI failed: ${(e as Error).message}`);
    }
  }
}
