import type { Database } from 'better-sqlite3';
import { DEFAULT_SCORING_SETTINGS, withSettingsDefaults, type ScoringSettings } from '../domain/scoring-settings.ts';
import type { ScoringSettingsChange } from '../schemas/contract.ts';
import type { ScoringSettingsRepository } from '../store/repositories.ts';
import { toInstant } from '../store/instants.ts';
import type { Synchronous } from './synchronous.ts';

/** The scoring settings: the latest recorded change wins; with none, the documented defaults. */

interface ChangeRow { id: number; settings: string; changedAt: number; changedBy: string; note: string | null }

const toChange = (row: ChangeRow): ScoringSettingsChange => ({
  ...row, settings: withSettingsDefaults(JSON.parse(row.settings) as ScoringSettings), changedAt: toInstant(row.changedAt),
});

export function createScoringSettingsRepository(database: Database): Synchronous<ScoringSettingsRepository> {
  const columns = 'id, settings, changed_at AS changedAt, changed_by AS changedBy, note FROM scoring_settings_changes';
  const statements = {
    latest: database.prepare(`SELECT ${columns} ORDER BY id DESC LIMIT 1`),
    history: database.prepare(`SELECT ${columns} ORDER BY id DESC`),
    record: database.prepare(`INSERT INTO scoring_settings_changes (settings, changed_at, changed_by, note)
      VALUES (@settings, @changedAt, @changedBy, @note)`),
  };

  return {
    /** The settings in force, and the change that set them (null for the defaults). */
    current(): { settings: ScoringSettings; change: ScoringSettingsChange | null } {
      const row = statements.latest.get() as ChangeRow | undefined;
      if (!row) return { settings: DEFAULT_SCORING_SETTINGS, change: null };
      const change = toChange(row);
      return { settings: change.settings, change };
    },

    history(): ScoringSettingsChange[] {
      return (statements.history.all() as ChangeRow[]).map(toChange);
    },

    record(settings: ScoringSettings, changedBy: string, note: string | null, changedAt: number): ScoringSettingsChange {
      const { lastInsertRowid } = statements.record.run({ settings: JSON.stringify(settings), changedAt, changedBy, note });
      return { id: Number(lastInsertRowid), settings, changedAt: toInstant(changedAt), changedBy, note };
    },
  };
}
