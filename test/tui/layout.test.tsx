import chalk from 'chalk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { makeTheme, noColorFrom } from '../../src/tui/theme.js';
import type { Finch } from '../../src/core/index.js';
import { KEY, renderTui, waitFor, withFinch, type Rendered } from './helpers.js';

let finch: Finch;
let done: () => Promise<void>;
const level = chalk.level;

beforeEach(async () => {
  ({ finch, done } = await withFinch());
});
afterEach(async () => {
  cleanup();
  chalk.level = level;
  await done();
});

/** Gives the fake terminal a size and tells Ink and the App that it changed. */
function resize(ui: Rendered, columns: number, rows: number) {
  Object.defineProperty(ui.stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(ui.stdout, 'rows', { configurable: true, get: () => rows });
  ui.stdout.emit('resize');
}

const visibleWidth = (line: string) => [...line.replace(/\u001b\[[0-9;]*m/g, '')].length;
const COLOR = /\u001b\[(?:3[0-79]|9[0-7]|4[0-79]|10[0-7]|38;|48;)[0-9;]*m/;

describe('layout', () => {
  it('fits 80×24: no line is wider than 80 and the screen is at most 24 lines, card included', async () => {
    const ui = renderTui(<App finch={finch} />);
    resize(ui, 80, 24);
    await ui.see('Type what you spent');
    await ui.type('@john $50 lunch at pizza place #work');
    await ui.press(KEY.enter);
    const frame = await ui.see('suggestion ·', 'Enter save');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect(visibleWidth(l)).toBeLessThanOrEqual(80);
    expect(frame).toContain('mode: rules');
  });

  it('re-lays out when the terminal is resized', async () => {
    const ui = renderTui(<App finch={finch} initial={{ view: 'browse' }} />);
    const widest = () => Math.max(...(ui.lastFrame() ?? '').split('\n').map(visibleWidth));
    resize(ui, 120, 30);
    await ui.see('transactions', 'Ctrl+K search');
    await waitFor(() => widest() > 100, 8000, 'a wide layout');
    resize(ui, 60, 20);
    await waitFor(() => widest() <= 60 && (ui.lastFrame() ?? '').split('\n').length <= 20, 8000, 'a narrow layout');
    expect(ui.lastFrame()).toContain('transactions');
  });

  it('uses colour normally and none at all with NO_COLOR', async () => {
    chalk.level = 1;
    const coloured = renderTui(<App finch={finch} />);
    await coloured.see('mode:');
    expect(coloured.lastFrame()).toMatch(COLOR);
    coloured.unmount();
    const plain = renderTui(<App finch={finch} noColor />);
    await plain.see('mode:');
    await plain.type('coffee 3');
    await plain.press(KEY.enter);
    const frame = await plain.see('suggestion ·');
    expect(frame).not.toMatch(COLOR);
  });

  it('reads NO_COLOR from the environment (present and not empty)', () => {
    expect(noColorFrom({ NO_COLOR: '1' })).toBe(true);
    expect(noColorFrom({ NO_COLOR: '' })).toBe(false);
    expect(noColorFrom({})).toBe(false);
    expect(makeTheme(true).accent).toBeUndefined();
  });
});
