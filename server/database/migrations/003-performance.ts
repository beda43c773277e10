import type { Migration } from '../migrate.ts';

/**
 * Rectification performance: daily counters per grid and per department (derived from the
 * problems, see server/domain/performance-contributions.ts), and the scoring settings, whose
 * every change is kept.
 */
export const performance: Migration = {
  version: 3,
  name: 'performance counters and scoring settings',
  up(database) {
    database.exec(`
      CREATE TABLE performance_daily (
        unit_kind TEXT NOT NULL CHECK (unit_kind IN ('grid', 'department')),
        unit_id INTEGER NOT NULL,
        day TEXT NOT NULL CHECK (date(day) = day),
        due INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        extended INTEGER NOT NULL,
        rectify_minutes REAL NOT NULL,
        new_issues INTEGER NOT NULL,
        recurrences INTEGER NOT NULL,
        rectifications_submitted INTEGER NOT NULL,
        failed_inspections INTEGER NOT NULL,
        PRIMARY KEY (unit_kind, unit_id, day)
      ) WITHOUT ROWID;

      -- Open and overdue counts per department, read from open problems only.
      CREATE INDEX issues_open_by_department ON issues (department_id, state, deadline_at)
        WHERE state IN ('reported', 'assigned', 'in_progress', 'rectified');

      CREATE TABLE scoring_settings_changes (
        id INTEGER PRIMARY KEY,
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        changed_at INTEGER NOT NULL,
        changed_by TEXT NOT NULL,
        note TEXT
      );
      CREATE TRIGGER scoring_settings_changes_are_never_changed BEFORE UPDATE ON scoring_settings_changes
      BEGIN SELECT RAISE(ABORT, 'scoring settings changes are never changed'); END;
      CREATE TRIGGER scoring_settings_changes_are_never_deleted BEFORE DELETE ON scoring_settings_changes
      BEGIN SELECT RAISE(ABORT, 'scoring settings changes are never deleted'); END;
    `);
  },
  // A database that already holds problems gets its counters from them.
  rebuilds: ['performance counters'],
};
