/** The pipeline's stages, in order (DESIGN.md "The statement pipeline"). */
export const STAGES = ['decrypt', 'extract', 'parse', 'dedup', 'create', 'complete'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageRecord {
  stage: Stage;
  status: 'ok' | 'failed' | 'skipped';
  ms: number;
  details: Record<string, unknown>;
}

export type ProgressListener = (event: { stage: Stage; status: 'started' | StageRecord['status']; index: number; total: number; ms?: number }) => void;

/** Times one stage and records it; a thrown error is recorded as the stage's failure and rethrown. */
export async function runStage<T>(
  stages: StageRecord[],
  stage: Stage,
  onProgress: ProgressListener | undefined,
  fn: (details: Record<string, unknown>) => Promise<T> | T,
): Promise<T> {
  const index = STAGES.indexOf(stage);
  onProgress?.({ stage, status: 'started', index, total: STAGES.length });
  const details: Record<string, unknown> = {};
  const t0 = performance.now();
  try {
    const out = await fn(details);
    const ms = Math.round(performance.now() - t0);
    stages.push({ stage, status: 'ok', ms, details });
    onProgress?.({ stage, status: 'ok', index, total: STAGES.length, ms });
    return out;
  } catch (e) {
    const ms = Math.round(performance.now() - t0);
    stages.push({ stage, status: 'failed', ms, details: { ...details, error: e instanceof Error ? e.message : String(e) } });
    onProgress?.({ stage, status: 'failed', index, total: STAGES.length, ms });
    throw e;
  }
}
