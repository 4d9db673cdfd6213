import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { makeTestDb, type TestDb } from '../helpers/dialects.js';
import type { Finch } from '../../src/core/index.js';

export const KEY = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  esc: '\u001B',
  tab: '\t',
  ctrlK: '\u000B',
  backspace: '\u007F',
  space: ' ',
} as const;

/** Polls until `check` passes (or throws after `timeout` ms) — no fixed sleeps. */
export async function waitFor<T>(check: () => T | undefined | false | null, timeout = 8000, what = 'condition'): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Polls an async check until it returns true. */
export async function eventually(check: () => Promise<boolean>, timeout = 8000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export type Rendered = ReturnType<typeof render> & {
  /** Waits until the last frame contains every text, and returns it. */
  see(...texts: string[]): Promise<string>;
  /** Waits until the last frame no longer contains the text. */
  gone(text: string): Promise<string>;
  /** Writes keys one write at a time, letting Ink handle each. */
  press(...keys: string[]): Promise<void>;
  /** Types text and waits for it to show in the frame. */
  type(text: string): Promise<void>;
};

export function renderTui(tree: ReactElement): Rendered {
  const r = render(tree);
  const frame = () => r.lastFrame() ?? '';
  const api = r as Rendered;
  api.see = (...texts) => waitFor(() => (texts.every((t) => frame().includes(t)) ? frame() : false), 8000, `${JSON.stringify(texts)} in:\n${frame()}`);
  api.gone = (text) => waitFor(() => (!frame().includes(text) ? frame() || ' ' : false), 8000, `${JSON.stringify(text)} to go from:\n${frame()}`);
  api.press = async (...keys) => {
    for (const k of keys) {
      r.stdin.write(k);
      // Ink reads input on the next turn of the event loop; give it that turn.
      await new Promise((res) => setImmediate(res));
      await new Promise((res) => setTimeout(res, 5));
    }
  };
  api.type = async (text) => {
    const tail = text.slice(-20);
    const count = () => frame().split(tail).length - 1;
    const before = count();
    r.stdin.write(text);
    await waitFor(() => count() > before || frame().split('\n').some((l) => l.startsWith(`› ${text}`)), 8000, `typed ${JSON.stringify(text)} to show in:\n${frame()}`);
  };
  return api;
}

/** A real Finch on a temporary SQLite file, closed and removed after the test. */
export async function withFinch(t: TestDb = makeTestDb('sqlite')): Promise<{ finch: Finch; db: TestDb; done: () => Promise<void> }> {
  const finch = await t.open();
  return {
    finch,
    db: t,
    done: async () => {
      await finch.close();
      await t.cleanup();
    },
  };
}
