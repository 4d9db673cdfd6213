/** SQLite has no boolean: booleans are stored as 0/1 in both databases and converted here. */
export const toBool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const fromBool = (v: boolean): number => (v ? 1 : 0);

/** JSON columns are text in both databases; a corrupt value reads as the fallback, never a crash. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
