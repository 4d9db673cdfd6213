import { createContext, useContext } from 'react';

/** Colours the views use; with NO_COLOR every one is undefined, so Ink prints no colour codes. */
export interface Theme {
  noColor: boolean;
  accent: string | undefined;
  ok: string | undefined;
  warn: string | undefined;
  error: string | undefined;
  muted: string | undefined;
  me: string | undefined;
}

export function makeTheme(noColor: boolean): Theme {
  if (noColor) return { noColor, accent: undefined, ok: undefined, warn: undefined, error: undefined, muted: undefined, me: undefined };
  return { noColor, accent: 'cyan', ok: 'green', warn: 'yellow', error: 'red', muted: 'gray', me: 'blue' };
}

/** NO_COLOR (https://no-color.org): present and not empty turns colour off. */
export function noColorFrom(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}

export const ThemeContext = createContext<Theme>(makeTheme(false));
export const useTheme = (): Theme => useContext(ThemeContext);
