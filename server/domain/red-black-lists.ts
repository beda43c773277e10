import type { ListMetric, PerformanceUnitKind, ScoringSettings } from './scoring-settings.ts';

/**
 * 红黑榜 in the two modes offices use. Rank mode takes the top and bottom N ranked units,
 * taking in every unit tied with the last place; threshold mode compares one metric with two
 * bounds. Units under the minimum sample are on neither list.
 */

export interface ListCandidate {
  key: string;
  rank: number | null;
  sampleSufficient: boolean;
  values: Record<ListMetric, number | null>;
}

export interface RedBlackLists {
  red: string[];
  black: string[];
}

export function redBlackLists(candidates: readonly ListCandidate[], unitKind: PerformanceUnitKind, settings: ScoringSettings): RedBlackLists {
  const { lists } = settings;
  if (lists.mode === 'threshold') {
    const { metric, red, black } = lists.threshold;
    const eligible = candidates.filter((unit) => unit.sampleSufficient && unit.values[metric] !== null);
    const byValue = (direction: 1 | -1) => (a: ListCandidate, b: ListCandidate) =>
      direction * (a.values[metric]! - b.values[metric]!) || a.key.localeCompare(b.key);
    return {
      red: eligible.filter((unit) => unit.values[metric]! >= red).sort(byValue(-1)).map((unit) => unit.key),
      black: eligible.filter((unit) => unit.values[metric]! < black).sort(byValue(1)).map((unit) => unit.key),
    };
  }
  const ranked = candidates.filter((unit): unit is ListCandidate & { rank: number } => unit.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));
  const redCount = Math.min(lists.rank.red[unitKind], ranked.length);
  // The black list never reaches into the red one, however few units are ranked.
  const blackCount = Math.min(lists.rank.black[unitKind], ranked.length - redCount);
  const lastRedRank = redCount > 0 ? ranked[redCount - 1]!.rank : null;
  const red = lastRedRank === null ? [] : ranked.filter((unit) => unit.rank <= lastRedRank);
  const firstBlackRank = blackCount > 0 ? ranked[ranked.length - blackCount]!.rank : null;
  const black = firstBlackRank === null ? [] : ranked.filter((unit) => unit.rank >= firstBlackRank && !red.includes(unit)).reverse();
  return { red: red.map((unit) => unit.key), black: black.map((unit) => unit.key) };
}

export type EscalationStep = 'interview' | 'organization_interview' | 'accountability';

/** The step of the 约谈 → 组织部约谈 → 问责 ladder a run of consecutive 黑榜 periods has reached. */
export function escalationFor(consecutivePeriods: number, settings: ScoringSettings): EscalationStep | null {
  const { interview, organizationInterview, accountability } = settings.escalation;
  if (consecutivePeriods >= accountability) return 'accountability';
  if (consecutivePeriods >= organizationInterview) return 'organization_interview';
  if (consecutivePeriods >= interview) return 'interview';
  return null;
}

/** How many periods in a row, newest first, a unit was on the 黑榜 (0 if not in the newest). */
export function consecutivePeriods(blackListsNewestFirst: readonly (readonly string[])[], key: string): number {
  let count = 0;
  while (count < blackListsNewestFirst.length && blackListsNewestFirst[count]!.includes(key)) count += 1;
  return count;
}
