import type { Database } from 'better-sqlite3';
import type { AccountEntry, CurrentOrganization, RouteWrite } from '../domain/organization-check.ts';
import type { DepartmentKind, GridRole, Organization } from '../import/organization-workbook.ts';
import type { ImportedAccount, OrganizationRepository } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';
import { createStreetLookup } from './streets.ts';

const DEPARTMENT_ID = '(SELECT min(id) FROM departments WHERE name = @department)';
const GRID_IDS = '(SELECT json_group_array(id) FROM grids WHERE code IN (SELECT value FROM json_each(@grids)))';

/** Leaders, departments, grid responsibilities, routing and accounts as the organization workbook reads and writes them. */
export function createOrganizationRepository(database: Database): Synchronous<OrganizationRepository> {
  const statements = {
    leaders: database.prepare('SELECT name, title FROM leaders ORDER BY id'),
    departments: database.prepare('SELECT d.name, d.kind, s.name AS street FROM departments d LEFT JOIN streets s ON s.id = d.street_id ORDER BY d.id'),
    grids: database.prepare(`SELECT g.code, g.name, l.name AS leader FROM grids g LEFT JOIN leaders l ON l.id = g.leader_id
      WHERE g.retired_at IS NULL ORDER BY g.code`),
    units: database.prepare(`SELECT g.code, d.name, gd.role FROM grid_departments gd JOIN grids g ON g.id = gd.grid_id JOIN departments d ON d.id = gd.department_id
      WHERE g.retired_at IS NULL ORDER BY g.code, d.id`),
    categories: database.prepare(`SELECT c.code, c.name, p.code AS parentCode FROM issue_categories c LEFT JOIN issue_categories p ON p.id = c.parent_id ORDER BY c.id`),
    routes: database.prepare(`SELECT g.code || '|' || c.code AS key, d.name AS department FROM routing_rules r
      JOIN grids g ON g.id = r.grid_id AND g.retired_at IS NULL JOIN issue_categories c ON c.id = r.category_id JOIN departments d ON d.id = r.department_id
      ORDER BY g.code, c.id`),
    setRoute: database.prepare(`INSERT INTO routing_rules (grid_id, category_id, department_id)
      VALUES ((SELECT id FROM grids WHERE code = @grid), (SELECT id FROM issue_categories WHERE code = @category), (SELECT min(id) FROM departments WHERE name = @department))
      ON CONFLICT (grid_id, category_id) DO UPDATE SET department_id = excluded.department_id`),
    updateLeader: database.prepare('UPDATE leaders SET title = @title WHERE name = @name'),
    addLeader: database.prepare(`INSERT INTO leaders (id, name, title) SELECT (SELECT coalesce(max(id), 0) + 1 FROM leaders), @name, @title
      WHERE NOT EXISTS (SELECT 1 FROM leaders WHERE name = @name)`),
    updateDepartment: database.prepare('UPDATE departments SET kind = @kind, street_id = @streetId WHERE name = @name'),
    addDepartment: database.prepare(`INSERT INTO departments (id, name, kind, duty, street_id)
      SELECT (SELECT coalesce(max(id), 0) + 1 FROM departments), @name, @kind, NULL, @streetId WHERE NOT EXISTS (SELECT 1 FROM departments WHERE name = @name)`),
    setLeader: database.prepare(`UPDATE grids SET leader_id = (SELECT min(id) FROM leaders WHERE name = @leader) WHERE code = @code AND retired_at IS NULL`),
    clearUnits: database.prepare('DELETE FROM grid_departments WHERE grid_id = (SELECT id FROM grids WHERE code = @code)'),
    addUnit: database.prepare(`INSERT INTO grid_departments (grid_id, department_id, role)
      VALUES ((SELECT id FROM grids WHERE code = @code), (SELECT min(id) FROM departments WHERE name = @name), @role)`),
    accounts: database.prepare(`SELECT a.username, a.display_name AS displayName, a.roles, d.name AS department,
      (SELECT json_group_array(g.code) FROM json_each(a.grid_ids) j JOIN grids g ON g.id = j.value) AS grids
      FROM accounts a LEFT JOIN departments d ON d.id = a.department_id ORDER BY a.id`),
    addAccount: database.prepare(`INSERT INTO accounts (username, display_name, roles, department_id, grid_ids, password_hash, must_change_password, created_at, updated_at)
      VALUES (@username, @displayName, @roles, ${DEPARTMENT_ID}, ${GRID_IDS}, @passwordHash, 1, @at, @at)`),
    recordPassword: database.prepare('INSERT INTO password_history (account_id, password_hash, set_at) SELECT id, @passwordHash, @at FROM accounts WHERE username = @username'),
    changeAccount: database.prepare(`UPDATE accounts SET display_name = @displayName, roles = @roles, department_id = ${DEPARTMENT_ID}, grid_ids = ${GRID_IDS},
      updated_at = @at WHERE username = @username`),
  };
  const streetIdOf = createStreetLookup(database);
  return {
    current(): CurrentOrganization {
      const grids: CurrentOrganization['grids'] = new Map();
      for (const row of statements.grids.all() as Array<{ code: string; name: string; leader: string | null }>) {
        grids.set(row.code, { name: row.name, leader: row.leader, units: { lead: [], territorial: [], supporting: [] } });
      }
      for (const row of statements.units.all() as Array<{ code: string; name: string; role: GridRole }>) grids.get(row.code)?.units[row.role].push(row.name);
      return {
        leaders: new Map((statements.leaders.all() as Array<{ name: string; title: string }>).map((row) => [row.name, row.title])),
        departments: new Map((statements.departments.all() as Array<{ name: string; kind: DepartmentKind; street: string | null }>)
          .map((row) => [row.name, { kind: row.kind, street: row.street }])),
        grids,
        categories: statements.categories.all() as CurrentOrganization['categories'],
        routes: new Map((statements.routes.all() as Array<{ key: string; department: string }>).map((row) => [row.key, row.department])),
        accounts: new Map((statements.accounts.all() as Array<{ username: string; displayName: string; roles: string; department: string | null; grids: string }>)
          .map((row) => [row.username, { displayName: row.displayName, roles: JSON.parse(row.roles), department: row.department, grids: JSON.parse(row.grids) } satisfies AccountEntry])),
      };
    },
    apply(organization: Organization, routes: readonly RouteWrite[], accounts: readonly ImportedAccount[], at: number): void {
      for (const leader of organization.leaders) {
        statements.updateLeader.run(leader);
        statements.addLeader.run(leader);
      }
      for (const department of organization.departments) {
        const values = { name: department.name, kind: department.kind, streetId: streetIdOf(department.street) };
        statements.updateDepartment.run(values);
        statements.addDepartment.run(values);
      }
      for (const grid of organization.grids) {
        statements.setLeader.run(grid);
        // The grid's units now; what they were is in the audit entry of the import that changed them.
        statements.clearUnits.run(grid);
        for (const [role, names] of Object.entries(grid.units)) for (const name of names) statements.addUnit.run({ code: grid.code, name, role });
      }
      // After the departments, which a route may name for the first time.
      for (const route of routes) statements.setRoute.run(route);
      for (const account of accounts) {
        const values = { username: account.username, displayName: account.displayName, roles: JSON.stringify(account.roles), department: account.department, grids: JSON.stringify(account.grids), at };
        if (account.passwordHash === null) statements.changeAccount.run(values);
        else {
          statements.addAccount.run({ ...values, passwordHash: account.passwordHash });
          statements.recordPassword.run({ username: account.username, passwordHash: account.passwordHash, at });
        }
      }
    },
  };
}
