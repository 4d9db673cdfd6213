import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** Runs fn `runs` times and returns the median milliseconds. */
export async function medianMs(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  let node = process.version;
  try {
    node = execFileSync('node', ['--version']).toString().trim();
  } catch {
    // keep process.version
  }
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${node}`;
}

/** A deterministic pseudo-random generator, so every run benchmarks the same data. */
export function rng(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
