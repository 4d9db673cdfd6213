import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { homedir } from 'node:os';

export const STATEMENT_EXTENSIONS = ['.pdf', '.csv', '.ofx', '.qfx', '.qif', '.xml', '.camt', '.053'];

/**
 * The drop zone: a terminal pastes a dragged file as its path, sometimes quoted, with escaped
 * spaces or as a file:// URL. Returns the file's absolute path when the text is one statement file.
 */
export function droppedFile(text: string, cwd = process.cwd()): string | null {
  let t = text.trim();
  // Only text that looks like a path is tried, so "coffee 4.50" never touches the disk.
  if (!t || !/[\\/]/.test(t) || /\s@|^@/.test(t)) return null;
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) t = t.slice(1, -1);
  if (t.startsWith('file://')) {
    try {
      t = decodeURIComponent(new URL(t).pathname);
    } catch {
      return null;
    }
  }
  t = t.replace(/\\ /g, ' ');
  if (t.startsWith('~/')) t = homedir() + t.slice(1);
  if (!STATEMENT_EXTENSIONS.includes(extname(t).toLowerCase())) return null;
  const path = resolve(cwd, t);
  try {
    return existsSync(path) && statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

export type SlashCommand =
  | { name: 'ai' }
  | { name: 'rules' }
  | { name: 'quit' }
  | { name: 'help' }
  | { name: 'browse' }
  | { name: 'compare'; id: string | null }
  | { name: 'account'; account: string | null }
  | { name: 'unknown'; text: string };

/** `/ai`, `/rules`, `/browse`, `/compare [ID]`, `/account [NAME]`, `/help`, `/quit`. */
export function slashCommand(text: string): SlashCommand | null {
  const m = /^\/(\w+)\s*(.*)$/.exec(text.trim());
  if (!m) return null;
  const arg = m[2]!.trim() || null;
  switch (m[1]!.toLowerCase()) {
    case 'ai':
      return { name: 'ai' };
    case 'rules':
      return { name: 'rules' };
    case 'quit':
    case 'exit':
    case 'q':
      return { name: 'quit' };
    case 'help':
      return { name: 'help' };
    case 'browse':
    case 'tx':
      return { name: 'browse' };
    case 'compare':
      return { name: 'compare', id: arg };
    case 'account':
      return { name: 'account', account: arg };
    default:
      return { name: 'unknown', text: m[1]! };
  }
}

export const HELP = [
  'Enter sends a message; on a card: Enter saves, e edits a field, x discards, Tab goes back to typing.',
  '@ completes people, groups and categories (@dining sets the category); # completes tags; ↑↓ choose, Enter/Tab insert, Esc hides.',
  'Paste or type a statement file path to import it. /account NAME picks the account statements go to.',
  '/ai and /rules switch the parser · /browse transactions · /compare [ID] a statement · Ctrl+K search · /quit or Ctrl+C leaves.',
];
