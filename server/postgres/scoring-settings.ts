import { DEFAULT_SCORING_SETTINGS, withSettingsDefaults, type ScoringSettings } from '../domain/scoring-settings.ts';
import type { ScoringSettingsChange } from '../schemas/contract.ts';
import type { ScoringSettingsRepository } from '../store/repositories.ts';
import { toInstant } from '../store/instants.ts';
import type { Queryable } from './connect.ts';

interface ChangeRow { id: number; settings: ScoringSettings; changedAt: number; changedBy: string; note: string | null }

const toChange = (row: ChangeRow): ScoringSettingsChange => ({ ...row, settings: withSettingsDefaults(row.settings), changedAt: toInstant(row.changedAt) });

/** The scoring settings: the latest recorded change wins; with none, the documented defaults. */
export function createScoringSettingsRepository(sql: Queryable): ScoringSettingsRepository {
  const columns = sql`id, settings, changed_at AS "changedAt", changed_by AS "changedBy", note FROM scoring_settings_changes`;
  return {
    async current() {
      const [row] = await sql<ChangeRow[]>`SELECT ${columns} ORDER BY id DESC LIMIT 1`;
      if (!row) return { settings: DEFAULT_SCORING_SETTINGS, change: null };
      const change = toChange(row);
      return { settings: change.settings, change };
    },

    async history() {
      return (await sql<ChangeRow[]>`SELECT ${columns} ORDER BY id DESC`).map(toChange);
    },

    async record(settings, changedBy, note, changedAt) {
      const [row] = await sql<{ id: number }[]>`INSERT INTO scoring_settings_changes (settings, changed_at, changed_by, note)
        VALUES (${sql.json(settings as never)}, ${changedAt}, ${changedBy}, ${note}) RETURNING id`;
      return { id: row!.id, settings, changedAt: toInstant(changedAt), changedBy, note };
    },
  };
}
