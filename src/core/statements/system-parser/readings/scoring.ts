/**
 * Evidence for a reading: how many rows the running balance chains through, whether opening + rows =
 * closing for some printed opening and closing figure, and which rows break the chain. A row whose
 * balance is unchanged from the row before is informational (a bounced debit order, a notice) and is
 * not money.
 */
export interface ChainInput {
  amount: number;
  balance: number | null;
}

export interface ChainResult {
  /** per row: 'verified' (chains), 'broken', 'unverified' (no balance to check), 'informational' */
  status: Array<'verified' | 'broken' | 'unverified' | 'informational'>;
  /** the balance before each row, as the chain knew it (for suggesting the mended figure) */
  before: Array<number | null>;
  passes: number;
  breaks: number;
}

/** Walks the rows oldest first from `opening` (when known). */
export function chain(rows: readonly ChainInput[], opening: number | null): ChainResult {
  const status: ChainResult['status'] = [];
  const before: Array<number | null> = [];
  let prev = opening;
  let passes = 0;
  let breaks = 0;
  for (const r of rows) {
    before.push(prev);
    if (r.balance === null) {
      status.push('unverified');
      prev = prev === null ? null : prev + r.amount;
      continue;
    }
    if (prev === null) status.push('unverified');
    else if (prev + r.amount === r.balance) {
      status.push('verified');
      passes++;
    } else if (r.balance === prev && r.amount !== 0) status.push('informational');
    else {
      status.push('broken');
      breaks++;
    }
    prev = r.balance;
  }
  return { status, before, passes, breaks };
}

export interface Reconciliation {
  opening: number | null;
  closing: number | null;
  reconciled: boolean | null;
}

/**
 * The opening and closing figures that make opening + rows = closing, from the candidates printed
 * (the last figure on a line first: a franc equivalent or a total comes before the balance).
 */
export function reconcile(openings: readonly number[], closings: readonly number[], sum: number): Reconciliation {
  for (const o of openings) for (const c of closings) if (o + sum === c) return { opening: o, closing: c, reconciled: true };
  if (!openings.length || !closings.length) return { opening: openings[0] ?? null, closing: closings[0] ?? null, reconciled: null };
  return { opening: openings[0]!, closing: closings[0]!, reconciled: false };
}

/** One number to rank readings: reconciling dominates, then chained rows, then breaks and size. */
export function scoreOf(r: { reconciled: boolean | null; passes: number; breaks: number; rows: number; informational: number; prior: number }): number {
  // among readings that reconcile, the one that explains more of the printed rows wins
  return (r.reconciled === true ? 1000 : r.reconciled === false ? 0 : 200) + 20 * r.passes - 30 * r.breaks - 5 * r.informational + 3 * r.rows + r.prior;
}

/**
 * When one digit of the printed amount (or balance) is off — an OCR slip, 47.77 read as 41.77 — the
 * figure that would mend the chain, else null.
 */
export function oneDigitMend(printed: number, needed: number): number | null {
  const a = String(Math.abs(printed));
  const b = String(Math.abs(needed));
  if (a.length !== b.length || a === b || Math.sign(printed) !== Math.sign(needed)) return null;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1 ? needed : null;
}
