import { execa } from 'execa';
import Papa from 'papaparse';

/** account → currency → amount text, as a real accounting tool reports it. */
export type Balances = Map<string, Map<string, string>>;

function addAmounts(out: Balances, account: string, text: string): void {
  const m = out.get(account) ?? new Map<string, string>();
  for (const hit of text.matchAll(/(-?[\d.,]+)\s+([A-Z][A-Z0-9]{1,23})/g)) m.set(hit[2]!, hit[1]!.replace(/,/g, ''));
  out.set(account, m);
}

/** `hledger -f FILE balance` (each account's own balance, CSV output). */
export async function hledgerBalances(file: string): Promise<Balances> {
  const { stdout } = await execa('hledger', ['-f', file, 'balance', '-O', 'csv']);
  const rows = Papa.parse<string[]>(stdout.trim()).data;
  const out: Balances = new Map();
  for (const [account, amounts] of rows.slice(1)) if (account && account !== 'total') addAmounts(out, account, amounts ?? '');
  return out;
}

/** `ledger -f FILE balance --flat` (a parent's figure includes its children). */
export async function ledgerBalances(file: string): Promise<Balances> {
  const { stdout } = await execa('ledger', ['-f', file, 'balance', '--flat', '--no-total', '--balance-format', '%(account)\t%(display_total)\n']);
  const out: Balances = new Map();
  let current = '';
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    if (tab >= 0) {
      current = line.slice(0, tab);
      addAmounts(out, current, line.slice(tab + 1));
    } else addAmounts(out, current, line);
  }
  return out;
}

/** `bean-check FILE` must pass; then bean-query sums each account's postings. */
export async function beancountBalances(file: string): Promise<Balances> {
  const check = await execa('bean-check', [file], { reject: false });
  if (check.exitCode !== 0 || check.stdout.trim() || check.stderr.trim()) throw new Error(`bean-check failed:\n${check.stdout}\n${check.stderr}`);
  const { stdout } = await execa('bean-query', ['-f', 'csv', file, 'select account, sum(position) as total group by account']);
  const rows = Papa.parse<string[]>(stdout.trim()).data;
  const out: Balances = new Map();
  for (const [account, amounts] of rows.slice(1)) if (account) addAmounts(out, account.trim(), amounts ?? '');
  return out;
}
