import type { Database } from 'better-sqlite3';

/**
 * What a bulk load fills once its rows are in, rather than row by row: the problems' position
 * R*Tree (its insert trigger is dropped while loading) and the default routing table.
 */

/** Indexes every problem's position in the R*Tree, in its units of ten-millionths of a degree. */
export function fillIssuePositions(database: Database): void {
  database.exec(`INSERT INTO issue_positions
    SELECT id, round(longitude * 1e7), round(longitude * 1e7), round(latitude * 1e7), round(latitude * 1e7) FROM issues`);
}

/**
 * Routes each grid and kind of problem to the department whose duty the category names, or, for
 * territorial duties, to the street office of the grid's street. Fills an empty table.
 */
export function fillDefaultRoutingRules(database: Database): void {
  database.exec(`INSERT INTO routing_rules (grid_id, category_id, department_id)
    SELECT g.id, c.id, CASE WHEN c.default_duty = 'territorial'
        THEN (SELECT min(d.id) FROM departments d WHERE d.kind = 'street_office' AND d.street_id = g.street_id)
        ELSE (SELECT min(d.id) FROM departments d WHERE d.duty = c.default_duty) END AS department_id
    FROM grids g CROSS JOIN issue_categories c
    WHERE c.parent_id IS NOT NULL AND department_id IS NOT NULL`);
}
