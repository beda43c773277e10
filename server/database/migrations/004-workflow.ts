import type { Migration } from '../migrate.ts';

/**
 * The workflow's own records: a pending extension request on the problem, the grid × category
 * routing table that proposes a department, and refused attempts (a stale version, an illegal
 * action), kept beside the events so a problem's history shows what was tried as well as what
 * happened.
 */

/**
 * Each grid and kind of problem goes to the department whose duty the category names, or, for
 * territorial duties, to the street office of the grid's street. Fills an empty table.
 */
const FILL_ROUTING_RULES_SQL = `INSERT INTO routing_rules (grid_id, category_id, department_id)
  SELECT g.id, c.id, CASE WHEN c.default_duty = 'territorial'
      THEN (SELECT min(d.id) FROM departments d WHERE d.kind = 'street_office' AND d.street_id = g.street_id)
      ELSE (SELECT min(d.id) FROM departments d WHERE d.duty = c.default_duty) END AS department_id
  FROM grids g CROSS JOIN issue_categories c
  WHERE c.parent_id IS NOT NULL AND department_id IS NOT NULL`;

export const workflow: Migration = {
  version: 4,
  name: 'workflow: extension requests, routing rules, refused attempts',
  up(database) {
    database.exec(`
      ALTER TABLE issues ADD COLUMN requested_deadline_at INTEGER;

      CREATE TABLE routing_rules (
        grid_id INTEGER NOT NULL REFERENCES grids (id),
        category_id INTEGER NOT NULL REFERENCES issue_categories (id),
        department_id INTEGER NOT NULL REFERENCES departments (id),
        PRIMARY KEY (grid_id, category_id)
      ) WITHOUT ROWID;
      ${FILL_ROUTING_RULES_SQL};

      CREATE TABLE issue_refusals (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues (id),
        attempted_at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        version INTEGER NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX issue_refusals_by_issue ON issue_refusals (issue_id, attempted_at);
      CREATE TRIGGER issue_refusals_are_never_changed BEFORE UPDATE ON issue_refusals
      BEGIN SELECT RAISE(ABORT, 'refused attempts are never changed'); END;
      CREATE TRIGGER issue_refusals_are_never_deleted BEFORE DELETE ON issue_refusals
      BEGIN SELECT RAISE(ABORT, 'refused attempts are never deleted'); END;
    `);
  },
};
