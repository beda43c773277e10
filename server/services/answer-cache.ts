import type { DataVersionRepository } from '../store/repositories.ts';

/**
 * Serialized answers kept until the data under them changes: a write anywhere, or a problem
 * falling overdue. The grids' answer (their shapes, figures and counts, 118 kB on the demo) is
 * asked for by every page every half minute and changes far less often.
 */
export function createAnswerCache(version: DataVersionRepository, capacity = 16) {
  const answers = new Map<string, { stamp: string; validUntil: number; body: string }>();
  return {
    /** The answer for `key` as of `now`, made by `make` unless a valid one is kept. */
    async answer(key: string, now: number, make: () => Promise<unknown>): Promise<string> {
      const stamp = await version.stamp();
      const kept = answers.get(key);
      if (kept && kept.stamp === stamp && now <= kept.validUntil) return kept.body;
      const body = JSON.stringify(await make());
      const validUntil = await version.overdueUnchangedUntil(now);
      answers.delete(key);
      answers.set(key, { stamp, validUntil, body });
      if (answers.size > capacity) answers.delete(answers.keys().next().value!);
      return body;
    },
  };
}
