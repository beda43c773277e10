import type { Migration } from '../migrate.ts';

/**
 * The grid-management data model. Instants are epoch milliseconds (UTC); calendar dates are
 * YYYY-MM-DD in China time. Nothing is ever deleted: triggers refuse deletes of issues and
 * any change to the audit trail.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(database) {
    database.exec(`
      CREATE TABLE streets (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE
      );

      CREATE TABLE leaders (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        title TEXT NOT NULL
      );

      CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('bureau', 'street_office', 'partner_unit')),
        -- The kind of problem this department is responsible for district-wide (routing).
        duty TEXT,
        street_id INTEGER REFERENCES streets (id)
      );

      CREATE TABLE grids (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('block', 'strip')),
        street_id INTEGER NOT NULL REFERENCES streets (id),
        leader_id INTEGER NOT NULL REFERENCES leaders (id),
        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
        area_square_metres REAL NOT NULL CHECK (area_square_metres > 0)
      );
      CREATE INDEX grids_by_leader ON grids (leader_id);

      CREATE TABLE grid_departments (
        grid_id INTEGER NOT NULL REFERENCES grids (id),
        department_id INTEGER NOT NULL REFERENCES departments (id),
        role TEXT NOT NULL CHECK (role IN ('lead', 'territorial', 'supporting')),
        PRIMARY KEY (grid_id, department_id)
      ) WITHOUT ROWID;
      CREATE INDEX grid_departments_by_department ON grid_departments (department_id);

      CREATE TABLE issue_categories (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        parent_id INTEGER REFERENCES issue_categories (id),
        deadline_amount REAL CHECK (deadline_amount > 0),
        deadline_unit TEXT CHECK (deadline_unit IN ('working_day', 'working_hour', 'hour')),
        default_duty TEXT,
        CHECK ((parent_id IS NULL) = (deadline_amount IS NULL))
      );

      CREATE TABLE category_routes (
        grid_id INTEGER NOT NULL REFERENCES grids (id),
        category_id INTEGER NOT NULL REFERENCES issue_categories (id),
        department_id INTEGER NOT NULL REFERENCES departments (id),
        PRIMARY KEY (grid_id, category_id)
      ) WITHOUT ROWID;

      CREATE TABLE inspection_point_types (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE
      );

      CREATE TABLE inspection_points (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type_id INTEGER NOT NULL REFERENCES inspection_point_types (id),
        grid_id INTEGER NOT NULL REFERENCES grids (id),
        longitude REAL NOT NULL,
        latitude REAL NOT NULL,
        responsible_department_id INTEGER NOT NULL REFERENCES departments (id),
        responsible_person TEXT NOT NULL
      );
      CREATE INDEX inspection_points_by_grid ON inspection_points (grid_id, type_id);
      CREATE INDEX inspection_points_by_type ON inspection_points (type_id);

      CREATE TABLE field_evaluations (
        id INTEGER PRIMARY KEY,
        point_id INTEGER NOT NULL REFERENCES inspection_points (id),
        evaluated_on TEXT NOT NULL CHECK (date(evaluated_on) = evaluated_on),
        evaluator_kind TEXT NOT NULL CHECK (evaluator_kind IN ('third_party', 'city', 'district')),
        items_observed INTEGER NOT NULL CHECK (items_observed > 0),
        items_failed INTEGER NOT NULL CHECK (items_failed BETWEEN 0 AND items_observed),
        score_rate REAL NOT NULL CHECK (score_rate BETWEEN 0 AND 100),
        verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'serious_fail'))
      );
      CREATE INDEX field_evaluations_by_point ON field_evaluations (point_id, evaluated_on);
      CREATE INDEX field_evaluations_by_date ON field_evaluations (evaluated_on);

      CREATE TABLE issues (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        category_id INTEGER NOT NULL REFERENCES issue_categories (id),
        source TEXT NOT NULL CHECK (source IN (
          'leader_supervision', 'regulator_joint_inspection', 'grid_patrol', 'territorial_survey',
          'city_feedback', 'third_party_evaluation', 'citizen_report', 'supervision_bulletin')),
        description TEXT NOT NULL,
        address TEXT NOT NULL,
        longitude REAL NOT NULL,
        latitude REAL NOT NULL,
        grid_id INTEGER NOT NULL REFERENCES grids (id),
        state TEXT NOT NULL CHECK (state IN ('reported', 'assigned', 'in_progress', 'rectified', 'closed', 'void')),
        department_id INTEGER REFERENCES departments (id),
        deadline_at INTEGER,
        reported_at INTEGER NOT NULL,
        assigned_at INTEGER,
        accepted_at INTEGER,
        rectified_at INTEGER,
        closed_at INTEGER,
        voided_at INTEGER,
        -- 缓办: an approved extension takes the issue out of the on-time denominator.
        extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
        rework_count INTEGER NOT NULL DEFAULT 0 CHECK (rework_count >= 0),
        recurrence_of INTEGER REFERENCES issues (id),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX issues_by_grid_state ON issues (grid_id, state);
      CREATE INDEX issues_by_state_deadline ON issues (state, deadline_at);
      CREATE INDEX issues_by_reported ON issues (reported_at);
      CREATE INDEX issues_by_category ON issues (category_id, reported_at);
      CREATE INDEX issues_by_source ON issues (source, reported_at);
      CREATE INDEX issues_by_department ON issues (department_id, state);
      CREATE INDEX issues_by_position ON issues (longitude, latitude);
      CREATE INDEX issues_open_by_grid ON issues (grid_id, state, deadline_at)
        WHERE state IN ('reported', 'assigned', 'in_progress', 'rectified');

      CREATE TABLE issue_events (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues (id),
        occurred_at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        changes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes)),
        note TEXT
      );
      CREATE INDEX issue_events_by_issue ON issue_events (issue_id, occurred_at);

      CREATE TRIGGER issues_are_never_deleted BEFORE DELETE ON issues
      BEGIN SELECT RAISE(ABORT, 'issues are never deleted; void them instead'); END;
      CREATE TRIGGER issue_events_are_never_changed BEFORE UPDATE ON issue_events
      BEGIN SELECT RAISE(ABORT, 'issue events are never changed'); END;
      CREATE TRIGGER issue_events_are_never_deleted BEFORE DELETE ON issue_events
      BEGIN SELECT RAISE(ABORT, 'issue events are never deleted'); END;
      CREATE TRIGGER field_evaluations_are_never_deleted BEFORE DELETE ON field_evaluations
      BEGIN SELECT RAISE(ABORT, 'field evaluations are never deleted'); END;
    `);
  },
};
