import type { Migration } from '../migrate.ts';

/**
 * Before requests were held to finite numbers, a version of "Infinity" could be stored with a
 * refused attempt, after which its problem could no longer be read, and a scoring setting of
 * "Infinity" was saved as null, which shifted every grade. Refusals keep what was tried, with 0
 * for a version that was not a number; a settings change holding a null is followed by one that
 * restores the last settings without one (the defaults of this version when there were none).
 * Records are never changed otherwise: the guard on refusals is lifted for this repair alone.
 */
const DEFAULT_SETTINGS_AS_OF_VERSION_7 = JSON.stringify({
  weights: { rectificationRate: 30, onTimeRate: 35, reworkRate: 15, evaluationScoreRate: 20 },
  scales: {
    rectificationRate: { zero: 70, full: 100 },
    onTimeRate: { zero: 40, full: 95 },
    reworkRate: { zero: 25, full: 0 },
    evaluationScoreRate: { zero: 50, full: 90 },
  },
  gradeThresholds: { A: 90, B: 75, C: 60, D: 40 },
  minimumSample: 10,
  lists: {
    mode: 'rank',
    rank: { red: { grid: 5, leader: 3, department: 5, street: 1 }, black: { grid: 3, leader: 3, department: 3, street: 1 } },
    threshold: { metric: 'rectificationRate', red: 90, black: 85 },
  },
  escalation: { interview: 2, organizationInterview: 3, accountability: 4 },
  colourBands: {
    rectificationRate: [98, 95, 90, 85],
    onTimeRate: [90, 75, 60, 45],
    evaluationScoreRate: [85, 80, 75, 70],
    overdueIssues: [0, 1, 3, 5],
  },
});

export const finiteNumbers: Migration = {
  version: 7,
  name: 'repair values that were not finite numbers',
  up(database) {
    database.exec(`
      DROP TRIGGER issue_refusals_are_never_changed;
      UPDATE issue_refusals SET version = 0 WHERE typeof(version) = 'real' AND abs(version) > 9007199254740991;
      CREATE TRIGGER issue_refusals_are_never_changed BEFORE UPDATE ON issue_refusals
      BEGIN SELECT RAISE(ABORT, 'refused attempts are never changed'); END;
    `);
    database.prepare(`
      INSERT INTO scoring_settings_changes (settings, changed_at, changed_by, note)
      SELECT coalesce(
          (SELECT valid.settings FROM scoring_settings_changes valid
            WHERE NOT EXISTS (SELECT 1 FROM json_tree(valid.settings) WHERE type = 'null') ORDER BY valid.id DESC LIMIT 1),
          @defaults),
        latest.changed_at, 'CivGrid', '恢复此前的设置：上一次修改含有不是有限数字的值（如 Infinity），未能生效'
      FROM (SELECT settings, changed_at FROM scoring_settings_changes ORDER BY id DESC LIMIT 1) latest
      WHERE EXISTS (SELECT 1 FROM json_tree(latest.settings) WHERE type = 'null')
    `).run({ defaults: DEFAULT_SETTINGS_AS_OF_VERSION_7 });
  },
};
