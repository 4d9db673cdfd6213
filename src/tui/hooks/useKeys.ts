import { createContext, useContext } from 'react';
import { useInput, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/**
 * The App reads stdin with one useInput and hands each key to the view that is active now.
 * Views claim the keys while rendering, so a view that just appeared gets the very next key
 * (subscribing in an effect would lose keys typed before the effect ran).
 */
export const KeyRouterContext = createContext<{ current: KeyHandler | null } | null>(null);

export function useKeys(handler: KeyHandler, active = true): void {
  const router = useContext(KeyRouterContext);
  if (router && active) router.current = handler;
  // Without an App around it (a view rendered on its own), the view reads keys itself.
  useInput(handler, { isActive: active && router === null });
}
