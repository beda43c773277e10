/**
 * Standard competition ranking ("1224"): units with the same composite share a rank and the
 * next rank skips. Only units with a sufficient sample and a composite are ranked.
 */

export interface Rankable {
  key: string;
  composite: number | null;
  sampleSufficient: boolean;
}

export interface RankPlace {
  rank: number | null;
  /** How many other units share this rank. */
  tiedWith: number;
}

export function rankUnits(units: readonly Rankable[]): Map<string, RankPlace> {
  const ranked = units
    .filter((unit): unit is Rankable & { composite: number } => unit.sampleSufficient && unit.composite !== null)
    .sort((a, b) => b.composite - a.composite || a.key.localeCompare(b.key));
  const places = new Map<string, RankPlace>(units.map((unit) => [unit.key, { rank: null, tiedWith: 0 }]));
  let index = 0;
  while (index < ranked.length) {
    let end = index;
    while (end + 1 < ranked.length && ranked[end + 1]!.composite === ranked[index]!.composite) end += 1;
    for (let tied = index; tied <= end; tied += 1) places.set(ranked[tied]!.key, { rank: index + 1, tiedWith: end - index });
    index = end + 1;
  }
  return places;
}

/** Orders listed units as a ranking table reads: ranked first by place, unranked last, ties by code. */
export function byRankThenKey(a: { rank: number | null; unit: { key: string } }, b: { rank: number | null; unit: { key: string } }): number {
  return (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.unit.key.localeCompare(b.unit.key);
}
