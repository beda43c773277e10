import type { Database } from 'better-sqlite3';
import { totalsFromDatabase } from '../../server/sqlite/performance-rollups.ts';

/** The stored daily counters and a full recomputation from the problems, in one comparable form. */

type CounterRow = Record<string, number | string>;

export function storedCounters(database: Database): CounterRow[] {
  return database.prepare(`SELECT unit_kind AS unitKind, unit_id AS unitId, day, due, closed, closed_on_time AS closedOnTime,
      extended, round(rectify_minutes, 6) AS rectifyMinutes, new_issues AS newIssues, recurrences,
      rectifications_submitted AS rectificationsSubmitted, failed_inspections AS failedInspections
    FROM performance_daily
    WHERE due != 0 OR new_issues != 0 OR rectifications_submitted != 0 OR failed_inspections != 0
    ORDER BY unit_kind, unit_id, day`).all() as CounterRow[];
}

export function recomputedCounters(database: Database): CounterRow[] {
  return [...totalsFromDatabase(database).totals.values()]
    .map(({ unitKind, unitId, day, counters }) => ({ unitKind, unitId, day, ...counters, rectifyMinutes: Math.round(counters.rectifyMinutes * 1e6) / 1e6 }))
    .filter((row) => row.due !== 0 || row.newIssues !== 0 || row.rectificationsSubmitted !== 0 || row.failedInspections !== 0)
    .sort((a, b) => a.unitKind.localeCompare(b.unitKind) || a.unitId - b.unitId || a.day.localeCompare(b.day));
}
