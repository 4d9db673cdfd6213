import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { runCli } from '../helpers/cli.js';
import { startFakeAiServers, type FakeAiServers } from '../helpers/fake-ai-servers.js';

const answer = {
  amount: '50.00',
  currency: 'USD',
  date: '2024-03-15',
  description: 'lunch at pizza place',
  merchant: 'Pizza Place',
  category: 'dining',
  type: 'expense',
  mentions: ['john'],
  tags: [],
  split: null,
  confidence: 0.9,
  fieldConfidence: { amount: 0.95, date: 0.9, category: 0.9, type: 0.95 },
};

describeEachDialect('cli: parse and add through an AI provider', (t) => {
  let servers: FakeAiServers;
  let env: NodeJS.ProcessEnv;
  let db: string;
  beforeEach(async () => {
    servers = await startFakeAiServers();
    db = t.target();
    env = { FINCH_HOME: t.home(), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: servers.openai.baseURL, ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: servers.anthropic.baseURL };
  });
  afterEach(async () => {
    await servers.close();
    await t.cleanup();
  });

  it('answers with the provider through the real SDK, and records the usage', async () => {
    servers.openai.enqueue({ kind: 'json', value: answer });
    const r = await runCli(['parse', '@john $50 lunch at pizza place', '--mode', 'ai', '--today', '2024-03-15'], { db, env });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ amount: '50.00', merchant: 'Pizza Place', answered_by: 'openai' });
    expect(servers.openai.requests).toHaveLength(1);
    expect(servers.openai.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    const usage = (await runCli(['ai', 'usage', '--json'], { db, env })).json();
    expect(usage.total).toMatchObject({ calls: 1, ok: 1 });
  });

  it('falls back to the next provider, then to the rules, and says so', async () => {
    servers.openai.enqueue({ kind: 'status', status: 500 });
    servers.anthropic.enqueue({ kind: 'json', value: { ...answer, description: 'from claude' } });
    const second = await runCli(['parse', '@john $50 lunch at pizza place', '--mode', 'ai', '--today', '2024-03-15'], { db, env });
    expect(second.json()).toMatchObject({ description: 'from claude', answered_by: 'anthropic' });
    servers.openai.setDefault({ kind: 'status', status: 500 });
    servers.anthropic.setDefault({ kind: 'content', text: '{"not": "valid' }); // text, not the tool call asked for
    const rules = await runCli(['add', 'coffee 4.50', '--mode', 'ai', '--yes', '--json'], { db, env });
    expect(rules.code).toBe(0);
    expect(rules.json()).toMatchObject({ amount: '-4.50', answered_by: 'rules' });
    expect(rules.stderr).toMatch(/^finch: AI unavailable: openai failed \(HTTP 500\), anthropic returned no tool call; used the rules parser\n$/);
  });

  it('uses the rules quietly in auto mode when no provider is configured', async () => {
    const r = await runCli(['parse', 'tacos 12.50', '--mode', 'auto'], { db, env: { FINCH_HOME: env.FINCH_HOME } });
    expect([r.code, r.stderr, r.json().answered_by]).toEqual([0, '', 'rules']);
    const strict = await runCli(['parse', 'tacos 12.50', '--mode', 'ai'], { db, env: { FINCH_HOME: env.FINCH_HOME } });
    expect(strict.stderr).toMatch(/no AI provider is configured/);
  });
});
