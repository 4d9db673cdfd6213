import type { ProgressListener } from '../core/index.js';
import { io } from './io.js';

/**
 * A stage-by-stage progress bar on a terminal (stderr, so --json output stays clean); nothing
 * when output is piped.
 */
export async function stageProgress(label: string): Promise<{ listener: ProgressListener | undefined; stop: () => void }> {
  if (!io().stdoutIsTTY || io().env.CI) return { listener: undefined, stop: () => undefined };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { format: `${label} [{bar}] {stage}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 24 },
    Presets.shades_classic,
  );
  let started = false;
  return {
    listener: (e) => {
      if (!started) {
        bar.start(e.total, 0, { stage: e.stage });
        started = true;
      }
      bar.update(e.status === 'started' ? e.index : e.index + 1, { stage: `${e.stage} ${e.status === 'started' ? '…' : e.status}` });
    },
    stop: () => started && bar.stop(),
  };
}
