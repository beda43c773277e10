import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/database/open.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../server/domain/scoring-settings.ts';
import { createScoringSettingsRepository } from '../../server/sqlite/scoring-settings.ts';

const database = openDatabase(':memory:');
afterAll(() => database.close());

describe('the scoring settings repository', () => {
  it('reads a change recorded before colour bands and the overdue threshold existed with their defaults', () => {
    const { colourBands: _colourBands, longOverdueWorkingDays: _longOverdueWorkingDays, ...older } = structuredClone(DEFAULT_SCORING_SETTINGS);
    database.prepare('INSERT INTO scoring_settings_changes (settings, changed_at, changed_by, note) VALUES (@settings, 0, @by, NULL)')
      .run({ settings: JSON.stringify({ ...older, minimumSample: 7 }), by: '旧版本' });
    const { settings, change } = createScoringSettingsRepository(database).current();
    expect(settings).toEqual({ ...DEFAULT_SCORING_SETTINGS, minimumSample: 7 });
    expect(change?.settings).toEqual(settings);
  });
});
