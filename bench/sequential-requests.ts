import { percentile } from './report.ts';

/** The read benchmarks' way of asking: 200 sequential requests over real HTTP after 20 to warm up, as one signed-in browser would make them. */

export const WARM_UP = 20;
export const SAMPLES = 200;

export interface Latency { p50: number; p95: number; max: number }

export function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1)! };
}

export async function measureRequests(origin: string, url: string, headers: Record<string, string>): Promise<Latency> {
  const samples: number[] = [];
  for (let index = 0; index < WARM_UP + SAMPLES; index += 1) {
    const started = performance.now();
    const response = await fetch(origin + url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    if (index >= WARM_UP) samples.push(performance.now() - started);
  }
  return summarise(samples);
}
