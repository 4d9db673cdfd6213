import { mkdirSync } from 'node:fs';
import { grantRole, inTransaction, openDatabase, sessionAccess, type Ctx, type DialectName, type FinchDatabase } from './db/index.js';
import { FinchError } from './errors/index.js';
import { paths, resolveDatabaseTarget, resolveHome } from './config/index.js';
import { keyFingerprint, loadKey, recordFingerprint, sealedState, secretBox, type SealedState, type SecretBox } from './secrets/index.js';
import { type CurrencyCode, currencyCode } from './money/index.js';
import * as ledger from './ledger/index.js';
import type { User } from './ledger/index.js';
import { isPostgresUrl } from './db/index.js';
import * as history from './history/index.js';
import { mailApi, type MailApi } from './mail/api.js';

export interface OpenFinchOptions {
  /** A SQLite file path or a postgres:// URL. Default: DATABASE_URL, else $FINCH_HOME/finch.db. */
  db?: string;
  /** The profile to act as. Default: FINCH_USER, else "me". */
  user?: string;
  /** Create the user when missing (default true). The CLI turns this off for named users. */
  createUser?: boolean;
  /** Home currency for a user created now. Default: FINCH_CURRENCY, else USD. */
  homeCurrency?: string;
  /** Default: FINCH_HOME, else the XDG data dir. */
  home?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Opens a finch ledger: the typed API every front end (CLI, TUI, daemon) uses.
 *
 * ```ts
 * const finch = await openFinch({ db: '/tmp/demo.db' });
 * await finch.accounts.add({ name: 'Checking', currency: 'USD' });
 * await finch.transactions.add({ amount: '12.50', description: 'lunch', category: 'dining', account: 'Checking' });
 * console.log(await finch.transactions.list({ category: 'dining' }));
 * await finch.close();
 * ```
 */
export async function openFinch(options: OpenFinchOptions = {}): Promise<Finch> {
  const env = options.env ?? process.env;
  const home = options.home ?? resolveHome(env);
  const target = resolveDatabaseTarget(options.db, home, env);
  const usingDefaultHome = !options.db && !env.FINCH_DB && !env.DATABASE_URL;
  // Private by default: the home holds the database, the key and the statements themselves.
  if (usingDefaultHome) mkdirSync(home, { recursive: true, mode: 0o700 });
  const busyTimeoutMs = env.FINCH_BUSY_TIMEOUT_MS !== undefined && /^\d+$/.test(env.FINCH_BUSY_TIMEOUT_MS) ? Number(env.FINCH_BUSY_TIMEOUT_MS) : undefined;
  const database = await openDatabase(target, { busyTimeoutMs });
  try {
    const userName = await profileName(database, options.user ?? env.FINCH_USER);
    let user = await ledger.findUser(database.db, userName);
    const create = options.createUser ?? true;
    if (!user) {
      if (!create) throw new FinchError('NOT_FOUND', `unknown user "${userName}"`, { subject: 'user' });
      const homeCurrency = currencyCode(options.homeCurrency ?? env.FINCH_CURRENCY ?? 'USD');
      user = (await ledger.ensureUser(database.db, userName, homeCurrency)).user;
    }
    const ctx: Ctx = { db: database.db, dialect: database.dialect, userId: user.id, homeCurrency: user.homeCurrency, sqlite: database.sqlite, busyTimeoutMs: database.busyTimeoutMs };
    await ledger.seedDefaultCategories(ctx);
    return new Finch(database, ctx, user, home, env, await sealedState(ctx));
  } catch (e) {
    await database.close();
    throw e;
  }
}

/**
 * The profile to act as. A PostgreSQL role that does not own finch's tables is tied to the one
 * profile the owner linked it to (row-level security enforces it; this only says so clearly).
 */
async function profileName(database: FinchDatabase, asked: string | undefined): Promise<string> {
  if (database.dialect !== 'postgres') return ledger.validUserName(asked ?? ledger.DEFAULT_USER);
  const access = await sessionAccess(database.db);
  if (!access.restricted) return ledger.validUserName(asked ?? ledger.DEFAULT_USER);
  if (!access.linkedUser) throw new FinchError('DATABASE', `PostgreSQL role "${access.role}" is not linked to a finch profile: the database owner must link it`, { subject: 'db-role' });
  if (asked && ledger.validUserName(asked) !== access.linkedUser) {
    throw new FinchError('INVALID_INPUT', `PostgreSQL role "${access.role}" acts as profile "${access.linkedUser}", not "${asked}"`);
  }
  return access.linkedUser;
}

export interface RotateResult {
  /** How many sealed values were re-encrypted. */
  sealed: number;
  /** The new key's fingerprint. */
  fingerprint: string;
  keyFile: string;
  /** Where the old key file was kept, if there was one. */
  previousKeyFile?: string;
  /** FINCH_SECRET_KEY is set: it must be replaced by the new key file's content. */
  envKeyInUse: boolean;
}

export class Finch {
  private box: SecretBox | undefined;

  constructor(
    private readonly database: FinchDatabase,
    /** The scoped context core modules take; exposed for finch's own front ends and extensions. */
    readonly ctx: Ctx,
    readonly user: User,
    readonly home: string,
    readonly env: NodeJS.ProcessEnv,
    /** What the database says about the key this profile's secrets need (read at open). */
    private readonly sealed: SealedState = { count: 0 },
  ) {}

  private recording: Promise<void> | undefined;

  get dialect(): DialectName {
    return this.database.dialect;
  }
  get location(): string {
    return this.database.location;
  }
  get homeCurrency(): CurrencyCode {
    return this.ctx.homeCurrency;
  }

  /** The encryption used for saved passwords and keys (the key is loaded on first use). */
  secrets(): SecretBox {
    if (this.box) return this.box;
    const key = loadKey(paths.keyFile(this.home), this.env, this.sealed);
    const fingerprint = keyFingerprint(key);
    // Record which key seals this profile's secrets, so another machine's key is told apart at once.
    // A profile with sealed values and no record yet keeps none: a wrong key must not become the record.
    if (this.sealed.count === 0 && this.sealed.fingerprint !== fingerprint) {
      this.recording = recordFingerprint(this.ctx, fingerprint).catch(() => undefined);
    }
    this.box = secretBox(key);
    return this.box;
  }

  /**
   * The saved passwords this key can open, for --try-saved-passwords, and a note for each one it
   * cannot. No saved passwords: the key is never asked for (a plain CSV never needs it).
   */
  private async readableSavedPasswords(): Promise<{ candidates: Array<{ label: string; password: string }>; notes: string[] }> {
    const m = await this.statementsModule();
    const saved = await m.listPasswords(this.ctx);
    if (saved.length === 0) return { candidates: [], notes: [] };
    let box: SecretBox;
    try {
      box = this.secrets();
    } catch (e) {
      const labels = saved.map((p) => `"${p.label}"`).join(', ');
      return { candidates: [], notes: [`skipped saved password(s) ${labels}: ${(e as Error).message}`] };
    }
    const notes: string[] = [];
    const candidates = await m.candidatePasswords(this.ctx, box, (label) => notes.push(`skipped saved password "${label}": it cannot be decrypted with this key`));
    return { candidates, notes };
  }

  readonly accounts = {
    add: (input: ledger.NewAccount) => this.record(`account add ${input.name}`, (ctx) => ledger.addAccount(ctx, input)),
    list: (opts?: { includeArchived?: boolean }) => ledger.listAccounts(this.ctx, opts),
    get: (nameOrId: string) => ledger.accountWithBalance(this.ctx, nameOrId),
    edit: (nameOrId: string, changes: ledger.AccountChanges) => this.record(`account edit ${nameOrId}`, (ctx) => ledger.editAccount(ctx, nameOrId, changes)),
    archive: (nameOrId: string) => this.record(`account archive ${nameOrId}`, (ctx) => ledger.setAccountArchived(ctx, nameOrId, true)),
    unarchive: (nameOrId: string) => this.record(`account unarchive ${nameOrId}`, (ctx) => ledger.setAccountArchived(ctx, nameOrId, false)),
    /** Balance assertions (from statements or stated by the user), each checked against finch's balance. */
    assertions: async (nameOrId?: string) => ledger.listBalanceAssertions(this.ctx, nameOrId ? (await ledger.getAccount(this.ctx, nameOrId)).id : undefined),
    /** Reports assertions the entries break; with a stated balance, records it and marks entries up to it cleared. */
    reconcile: (nameOrId: string, options?: { balance?: string; date?: string }) => this.record(`account reconcile ${nameOrId}`, (ctx) => ledger.reconcileAccount(ctx, nameOrId, options)),
  };

  readonly categories = {
    list: () => ledger.listCategories(this.ctx),
    add: (input: ledger.NewCategory) => this.record(`category add ${input.name}`, (ctx) => ledger.addCategory(ctx, input)),
    get: (slugOrName: string) => ledger.getCategory(this.ctx, slugOrName),
    /** The category finch would give each description (the user's history first, then keywords), or null. */
    suggest: async (descriptions: readonly string[]): Promise<Array<string | null>> => {
      // One categoriser for the lot: building it reads the user's categorised history.
      const categorize = await this.categorizer();
      return descriptions.map((d) => categorize(d)?.category ?? null);
    },
  };

  readonly tags = {
    list: () => ledger.listTags(this.ctx),
  };

  readonly transactions = {
    add: (input: ledger.TransactionInput) => this.record(`tx add ${input.amount} ${input.description}`, (ctx) => ledger.addTransaction(ctx, input)),
    /** All or nothing, in one database transaction; returns the new ids. */
    addMany: (inputs: readonly ledger.TransactionInput[]) => this.record(`tx add ${inputs.length} transactions`, (ctx) => ledger.addTransactions(ctx, inputs)),
    list: (filter?: ledger.TransactionFilter) => ledger.listTransactions(this.ctx, filter),
    count: (filter?: ledger.TransactionFilter) => ledger.countTransactions(this.ctx, filter),
    get: (id: string) => ledger.getTransaction(this.ctx, id),
    edit: (id: string, changes: ledger.TransactionChanges) => this.record(`tx edit ${id}`, (ctx) => ledger.editTransaction(ctx, id, changes)),
    delete: (id: string) => this.record(`tx delete ${id}`, (ctx) => ledger.deleteTransaction(ctx, id)),
    bulk: {
      preview: (filter: ledger.TransactionFilter) => ledger.previewBulk(this.ctx, filter),
      recategorize: (filter: ledger.TransactionFilter, category: string) => this.record(`bulk recategorize ${category}`, (ctx) => ledger.bulkRecategorize(ctx, filter, category)),
      tag: (filter: ledger.TransactionFilter, tags: string[]) => this.record(`bulk tag ${tags.join(' ')}`, (ctx) => ledger.bulkTag(ctx, filter, tags)),
      untag: (filter: ledger.TransactionFilter, tags: string[]) => this.record(`bulk untag ${tags.join(' ')}`, (ctx) => ledger.bulkTag(ctx, filter, tags, true)),
      delete: (filter: ledger.TransactionFilter) => this.record('bulk delete', (ctx) => ledger.bulkDelete(ctx, filter)),
    },
  };

  readonly people = {
    list: () => ledger.listPeople(this.ctx),
    add: (input: ledger.NewPerson) => this.record(`people add ${input.name}`, (ctx) => ledger.addPerson(ctx, input)),
    get: (handle: string) => ledger.getPerson(this.ctx, handle),
    /** Each person's net with me across groups and outside them, per currency (positive: they owe me). */
    balances: (options?: { person?: string }) => ledger.personBalances(this.ctx, options),
    /** The entries a person takes part in, with how each moved their balance with me. */
    entries: (handle: string) => ledger.personEntries(this.ctx, handle),
    /** A repayment ("@tom paid me back 25", "paid @kate back 50"): a transfer that moves their balance. */
    repay: (input: ledger.RepaymentInput) =>
      this.record(`repayment ${input.direction === 'to_me' ? `@${input.person} paid me` : `I paid @${input.person}`} ${input.amount}`, (ctx) => ledger.recordRepayment(ctx, input)),
  };

  readonly groups = {
    list: () => ledger.listGroups(this.ctx),
    add: (input: ledger.NewGroup) => this.record(`group add ${input.name}`, (ctx) => ledger.addGroup(ctx, input)),
    get: (handle: string) => ledger.getGroup(this.ctx, handle),
    addMembers: (group: string, handles: string[]) => this.record(`group add-member ${group}`, (ctx) => ledger.addGroupMembers(ctx, group, handles)),
    /** Who owes whom across all the group's splits, per currency, with the fewest payments that settle it. */
    balances: (group: string) => ledger.groupBalances(this.ctx, group),
    /** Records those payments as transfer transactions (one database transaction); balances are zero after. */
    settle: (group: string, options?: ledger.SettleOptions) => this.record(`group settle ${group}`, (ctx) => ledger.settleGroup(ctx, group, options)),
  };

  private budgetsModule() {
    return import('./budgets/index.js');
  }

  /** Budgets: templates, applying one to a month, tracking and suggestions (see README). */
  readonly budgets = {
    templates: {
      list: async () => (await this.budgetsModule()).listTemplates(this.ctx),
      get: async (name: string) => (await this.budgetsModule()).getTemplate(this.ctx, name),
      /** Adds a YAML or JSON template file; a bad file is rejected with its line and the reason. */
      addFile: async (path: string, options?: { replace?: boolean }) => { const m = await this.budgetsModule(); return this.record(`budget template add ${path}`, (ctx) => m.addTemplateFile(ctx, path, options)); },
      add: async (text: string, filename: string, options?: { replace?: boolean }) => { const m = await this.budgetsModule(); return this.record(`budget template add ${filename}`, (ctx) => m.addTemplate(ctx, text, filename, options)); },
      remove: async (name: string) => { const m = await this.budgetsModule(); return this.record(`budget template remove ${name}`, (ctx) => m.removeTemplate(ctx, name)); },
    },
    plan: async (template: string, options: import('./budgets/index.js').ApplyOptions) => (await this.budgetsModule()).planTemplate(this.ctx, template, options),
    apply: async (template: string, options: import('./budgets/index.js').ApplyOptions) => { const m = await this.budgetsModule(); return this.record(`budget apply ${template}`, (ctx) => m.applyTemplate(ctx, template, options)); },
    get: async (month: string) => (await this.budgetsModule()).getBudget(this.ctx, month),
    list: async () => (await this.budgetsModule()).listBudgets(this.ctx),
    set: async (category: string, amount: string, options: { month: string; rollover?: boolean; priority?: number }) => {
      const m = await this.budgetsModule();
      return this.record(`budget set ${category} ${amount} ${options.month}`, (ctx) => m.setBudgetLine(ctx, category, amount, options));
    },
    delete: async (month: string) => { const m = await this.budgetsModule(); return this.record(`budget delete ${month}`, (ctx) => m.deleteBudget(ctx, month)); },
    /** null when the month has no budget. */
    status: async (month: string, options?: { gross?: boolean }) => (await this.budgetsModule()).budgetStatus(this.ctx, month, options),
    suggest: async (options: Omit<import('./budgets/index.js').SuggestOptions, 'aiClient' | 'aiSuggest'> = {}) => {
      const ai = options.ai ? await import('./ai/index.js') : undefined;
      return (await this.budgetsModule()).suggestBudget(this.ctx, {
        ...options,
        aiClient: ai ? async () => ai.createAiClient(this.ctx, { secrets: this.secrets(), env: this.env }) : undefined,
        aiSuggest: ai?.aiSuggestBudget,
      });
    },
    applySuggestion: async (suggestion: import('./budgets/index.js').BudgetSuggestion, options?: { replace?: boolean }) => {
      const m = await this.budgetsModule();
      return this.record('budget suggest --apply', (ctx) => m.applySuggestion(ctx, suggestion, options));
    },
  };

  /** Savings goals: target, date, progress from an account or a tag, required monthly saving. */
  readonly goals = {
    add: async (input: import('./budgets/index.js').NewGoal) => { const m = await this.budgetsModule(); return this.record(`goal add ${input.name}`, (ctx) => m.addGoal(ctx, input)); },
    list: async () => (await this.budgetsModule()).listGoals(this.ctx),
    get: async (name: string) => (await this.budgetsModule()).getGoal(this.ctx, name),
    remove: async (name: string) => { const m = await this.budgetsModule(); return this.record(`goal remove ${name}`, (ctx) => m.removeGoal(ctx, name)); },
    status: async (options?: { name?: string; asOf?: string }) => (await this.budgetsModule()).goalsStatus(this.ctx, options),
  };

  private chatService: Promise<import('./chat/index.js').ChatService> | undefined;
  private chatModule() {
    return import('./chat/index.js');
  }

  /** Chat-style entry: parse a message into a suggestion, then save it (see DESIGN.md). */
  readonly chat = {
    parse: async (text: string, options?: import('./chat/index.js').ChatParseOptions) => {
      this.chatService ??= this.chatModule().then((m) => new m.ChatService(this.ctx, { secrets: () => this.secrets(), env: this.env }));
      return (await this.chatService).parse(text, options);
    },
    save: async (suggestion: import('./chat/index.js').Suggestion, options?: import('./chat/index.js').SaveOptions) => {
      const m = await this.chatModule();
      const saved = await this.record(`chat save ${suggestion.amount} ${suggestion.description}`, (ctx) => m.saveSuggestion(ctx, suggestion, options));
      (await this.chatService)?.relearn();
      return saved;
    },
    history: async (options?: { limit?: number; status?: import('./db/index.js').ChatStatus }) => (await this.chatModule()).chatHistory(this.ctx, options),
    resolveMentions: async (names: string[]) => (await this.chatModule()).resolveMentions(this.ctx, names),
    /** The person dismissed the suggestion of a chat message: it is kept in history as discarded. */
    discard: async (messageId: string) => { const m = await this.chatModule(); return this.record('chat discard', (ctx) => m.updateMessage(ctx, messageId, { status: 'discarded' })); },
  };

  private statementsModule() {
    return import('./statements/index.js');
  }

  /** Categorises statement rows: the user's history first, then keywords and merchants. */
  private async categorizer(): Promise<import('./statements/index.js').Categorize> {
    const chat = await this.chatModule();
    const learner = await chat.learnerFromHistory(this.ctx);
    const kinds = new Map((await ledger.listCategories(this.ctx)).map((c) => [c.slug, c.kind]));
    return (description) => {
      const slug = chat.categorizeText(description, learner);
      const kind = slug ? kinds.get(slug) : undefined;
      return slug && kind ? { category: slug, kind } : null;
    };
  }

  private async aiStatementParser(): Promise<((rawText: string) => Promise<import('./statements/index.js').ParsedStatement>) | undefined> {
    const ai = await import('./ai/index.js');
    const client = ai.createAiClient(this.ctx, { secrets: this.secrets(), env: this.env });
    if ((await client.chain()).length === 0) return undefined;
    return (rawText) => ai.aiParseStatement(client, rawText, {});
  }

  private maxFileBytes(): number | undefined {
    const mb = Number(this.env.FINCH_MAX_FILE_MB);
    return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : undefined;
  }

  /** Bank statements: the staged pipeline, its log, comparison and merges (DESIGN.md). */
  readonly statements = {
    /** decrypt → extract → parse only; writes nothing. */
    parse: async (bytes: Uint8Array, options: { filename: string; password?: string; trySavedPasswords?: boolean; parser?: 'system' | 'ai'; camtDate?: 'booking' | 'value'; onProgress?: import('./statements/index.js').ProgressListener }) => {
      const m = await this.statementsModule();
      const format = await m.preflight(bytes, options.filename, this.maxFileBytes());
      const saved = options.trySavedPasswords && !options.password ? await this.readableSavedPasswords() : undefined;
      const read = await m.readStatement(bytes, format, {
        filename: options.filename,
        password: options.password,
        candidatePasswords: saved?.candidates,
        parser: options.parser,
        aiParse: options.parser === 'ai' ? await this.aiStatementParser() : undefined,
        csvMappings: await m.savedMappings(this.ctx),
        camtDate: options.camtDate,
        onProgress: options.onProgress,
      });
      read.notes.push(...(saved?.notes ?? []));
      return read;
    },
    /** Reads a CSV with columns a person named; saves the mapping for the file's layout unless `save` is false. */
    map: async (bytes: Uint8Array, columns: import('./statements/index.js').MappingColumns, options: { save?: boolean; name?: string } = {}) => {
      const m = await this.statementsModule();
      const mapping = m.mappingFromColumns(columns);
      if (options.save === false) return { saved: null, preview: m.previewMapping(bytes, mapping, this.ctx.homeCurrency) };
      const saved = await m.saveMapping(this.ctx, bytes, mapping, { name: options.name, currency: this.ctx.homeCurrency });
      return { saved, preview: saved.preview };
    },
    /** Saved CSV mappings, keyed by the layout's header fingerprint. */
    mappings: {
      list: async () => (await this.statementsModule()).listMappings(this.ctx),
      show: async (id: string) => (await this.statementsModule()).showMapping(this.ctx, id),
      remove: async (id: string) => (await this.statementsModule()).removeMapping(this.ctx, id),
    },
    import: async (request: import('./statements/index.js').ImportRequest) => {
      const m = await this.statementsModule();
      const { paths } = await import('./config/index.js');
      const skipped: string[] = [];
      const result = await m.importStatement(this.ctx, {
        store: new m.FileStore(paths.fileStore(this.home)),
        categorize: await this.categorizer(),
        aiParse: request.parser === 'ai' ? await this.aiStatementParser() : undefined,
        candidatePasswords: async () => {
          const saved = await this.readableSavedPasswords();
          skipped.push(...saved.notes);
          return saved.candidates;
        },
        maxBytes: this.maxFileBytes(),
        matchMail: async (ctx, req) => (await import('./mail/index.js')).matchStatementRows(ctx, req),
      }, request).catch((e: unknown) => {
        // Every failure of a file names the file, whichever stage it came from.
        throw m.asReadError(e, request.filename);
      });
      result.notes.push(...skipped);
      return result;
    },
    list: async (options?: { account?: string; status?: import('./db/index.js').UploadStatus }) => (await this.statementsModule()).listStatements(this.ctx, options),
    show: async (id: string) => (await this.statementsModule()).showStatement(this.ctx, id),
    log: async (id: string) => (await this.statementsModule()).statementLog(this.ctx, id),
    compare: async (id: string) => (await this.statementsModule()).compareStatement(this.ctx, id),
    merges: async (id?: string) => (await this.statementsModule()).mergesFor(this.ctx, id),
    merge: async (id: string, action: import('./statements/index.js').MergeAction) => {
      const [m, categorize] = [await this.statementsModule(), await this.categorizer()];
      return this.record(`statement merge ${id} ${action}`, (ctx) => m.resolveMerge(ctx, id, action, categorize));
    },
    delete: async (id: string) => { const m = await this.statementsModule(); return this.record(`statement delete ${id}`, (ctx) => m.deleteStatement(ctx, id)); },
    /** Marks statements a killed import left `processing` as failed (importing them again retries them). */
    recoverInterrupted: async () => (await this.statementsModule()).recoverInterrupted(this.ctx),
    /** Teach finch a bank's PDF layout from one correction (saved as a layout profile; used for its later statements). */
    fixLayout: async (id: string, correction: import('./statements/index.js').LayoutCorrection) => {
      const m = await this.statementsModule();
      const { paths } = await import('./config/index.js');
      return m.fixLayout(this.ctx, new m.FileStore(paths.fileStore(this.home)), id, correction);
    },
    /** Row-level review (the comparison view): accept a row (creating it when it was not imported). */
    acceptRow: async (id: string, index: number) => this.reviewRow(id, index, { decision: 'accepted' as const }),
    /** Correct a row's date, description or amount, and the transaction it created. */
    editRow: async (id: string, index: number, changes: import('./statements/index.js').RowEdit) => this.reviewRow(id, index, { decision: 'edited' as const, changes }),
    /** Reject a misread row: the transaction it created is deleted. */
    rejectRow: async (id: string, index: number) => this.reviewRow(id, index, { decision: 'rejected' as const }),
    /** True when the profile imported a password-protected statement (exports of it are then written 0600). */
    holdsLocked: async () => (await this.statementsModule()).holdsLockedStatements(this.ctx),
    /** The accept/edit/reject decisions taken so far, by row index. */
    rowDecisions: async (id: string) => (await this.statementsModule()).rowDecisions(this.ctx, id),
  };

  /** Saved statement passwords, encrypted at rest; never shown back. */
  readonly passwords = {
    add: async (label: string, password: string) => { const m = await this.statementsModule(); return this.record(`password add ${label}`, (ctx) => m.addPassword(ctx, this.secrets(), label, password)); },
    list: async () => (await this.statementsModule()).listPasswords(this.ctx),
    remove: async (label: string) => { const m = await this.statementsModule(); return this.record(`password remove ${label}`, (ctx) => m.removePassword(ctx, label)); },
  };

  private reportsModule() {
    return import('./reports/index.js');
  }

  /** Reports aggregated in the database; `convert` turns amounts into one currency with your rates. */
  readonly reports = {
    summary: async (options?: import('./reports/index.js').ReportOptions) => (await this.reportsModule()).summary(this.ctx, options),
    spending: async (options?: import('./reports/index.js').ReportOptions) => (await this.reportsModule()).breakdown(this.ctx, 'spending', options),
    income: async (options?: import('./reports/index.js').ReportOptions) => (await this.reportsModule()).breakdown(this.ctx, 'income', options),
    cashflow: async (options?: import('./reports/index.js').ReportOptions) => (await this.reportsModule()).cashflow(this.ctx, options),
    balance: async (options?: import('./reports/index.js').ReportOptions) => (await this.reportsModule()).balance(this.ctx, options),
    networth: async (options?: import('./reports/index.js').ReportOptions) => (await this.reportsModule()).networth(this.ctx, options),
    trends: async (options?: import('./reports/index.js').ReportOptions & { step?: 'month' | 'week' }) => (await this.reportsModule()).trends(this.ctx, options),
  };

  /** Exchange rates you supply ("1 FROM = RATE TO"), used by reports with `convert`. */
  readonly rates = {
    add: async (input: { from: string; to: string; rate: string; date?: string }) => { const m = await this.reportsModule(); return this.record(`rate add ${input.from} ${input.to}`, (ctx) => m.addRate(ctx, input)); },
    list: async () => (await this.reportsModule()).listRates(this.ctx),
  };

  /** Writes the ledger as CSV, JSON, or an hledger / ledger / beancount journal, piece by piece to `write`. */
  async export(options: import('./exports/index.js').ExportOptions, write: (chunk: string) => void | Promise<void>): Promise<import('./exports/index.js').ExportResult> {
    return (await import('./exports/index.js')).exportLedger(this.ctx, options, write);
  }

  /** Every write command is recorded (one database transaction with its changes): list them, undo the last. */
  readonly history = {
    list: (options?: { limit?: number }) => history.listHistory(this.ctx, options),
    /** Reverts the last recorded operation not yet undone, restoring every row it changed exactly. */
    undo: () => history.undoLast(this.ctx),
  };

  /** Runs a write as one recorded operation (see src/core/history). */
  private record<T>(label: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    return history.withHistory(this.ctx, label, fn);
  }

  private async reviewRow(id: string, index: number, decision: { decision: 'accepted' } | { decision: 'rejected' } | { decision: 'edited'; changes: import('./statements/index.js').RowEdit }) {
    const [m, categorize] = [await this.statementsModule(), await this.categorizer()];
    return this.record(`statement ${decision.decision === 'rejected' ? 'reject' : decision.decision === 'accepted' ? 'accept' : 'edit'} row ${index} of ${id}`, (ctx) => m.reviewRow(ctx, id, index, decision, categorize));
  }

  /** Transaction e-mails: IMAP and Gmail mailboxes, sync, pending transactions (src/core/mail). */
  readonly mail: MailApi = mailApi(this);

  search(text: string, limit?: number): Promise<ledger.SearchHit[]> {
    return ledger.search(this.ctx, text, limit);
  }

  /**
   * `finch secrets rotate`: re-encrypts the secrets of every profile this connection sees that
   * were sealed with the current key (or `oldKey`), under a new key, in one database transaction;
   * then the new key becomes the key file and the old one is kept as `secret.key.old`. The new key
   * is on disk before the database changes, so no crash leaves secrets under a key nobody has.
   */
  async rotateSecretKey(options: { oldKey?: Buffer } = {}): Promise<RotateResult> {
    const { randomBytes } = await import('node:crypto');
    const { rmSync, existsSync } = await import('node:fs');
    const { writeKeyFile, installKeyFile } = await import('./secrets/index.js');
    const oldBox = options.oldKey ? secretBox(options.oldKey) : this.secrets();
    const oldFingerprint = keyFingerprint(options.oldKey ?? loadKey(paths.keyFile(this.home), this.env, this.sealed));
    const newKey = randomBytes(32);
    const keyFile = paths.keyFile(this.home);
    const pending = `${keyFile}.new`;
    if (existsSync(pending)) rmSync(pending);
    writeKeyFile(pending, newKey);
    const newBox = secretBox(newKey);
    const reseal = (sealed: string) => newBox.seal(oldBox.open(sealed));
    let sealed = 0;
    try {
      const statements = await this.statementsModule();
      const ai = await import('./ai/index.js');
      const mail = await import('./mail/index.js');
      await inTransaction(this.ctx, async (tx) => {
        for (const u of await ledger.listUsers(tx.db)) {
          const ctx = { ...tx, userId: u.id };
          const state = await sealedState(ctx);
          if (state.count === 0 || (state.fingerprint && state.fingerprint !== oldFingerprint)) continue;
          sealed += (await statements.resealPasswords(ctx, reseal)) + (await ai.resealAiKeys(ctx, reseal)) + (await mail.resealMailboxSecrets(ctx, reseal));
          await recordFingerprint(ctx, keyFingerprint(newKey));
        }
      });
    } catch (e) {
      rmSync(pending, { force: true });
      throw e;
    }
    const { previous } = installKeyFile(keyFile, pending);
    this.box = newBox;
    return { sealed, fingerprint: keyFingerprint(newKey), keyFile, previousKeyFile: previous, envKeyInUse: Boolean(this.env.FINCH_SECRET_KEY) };
  }

  /**
   * PostgreSQL, run by the owner of finch's tables: links an existing role to this profile and
   * grants it read and write of the profile's rows only (README: "A shared PostgreSQL").
   */
  async grantRole(role: string): Promise<void> {
    if (this.dialect !== 'postgres') throw new FinchError('UNSUPPORTED', 'database roles exist only on PostgreSQL');
    await grantRole(this.ctx.db, role, this.user.id);
  }

  async close(): Promise<void> {
    await this.recording;
    await this.database.close();
  }
}
