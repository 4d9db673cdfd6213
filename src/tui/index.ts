import { createElement } from 'react';
import type { Finch } from '../core/index.js';
import { noColorFrom } from './theme.js';
import type { Target } from './views/types.js';

export type { Target } from './views/types.js';

export interface RunTuiOptions {
  initial?: Target;
  env?: NodeJS.ProcessEnv;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/**
 * Runs the interactive TUI on the terminal until the person leaves (/quit, Esc from the first
 * view, or Ctrl+C). The Finch instance stays open; the caller closes it.
 */
export async function runTui(finch: Finch, options: RunTuiOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const noColor = noColorFrom(env);
  // With NO_COLOR the theme gives every colour as undefined, so Ink prints no colour codes;
  // bold and inverse (the cursor, the selection) stay, as https://no-color.org allows.
  const { render } = await import('ink');
  const { App } = await import('./App.js');
  const instance = render(createElement(App, { finch, initial: options.initial, noColor }), {
    stdin: options.stdin ?? process.stdin,
    stdout: options.stdout ?? process.stdout,
    exitOnCtrlC: true,
    patchConsole: true,
  });
  await instance.waitUntilExit();
}
