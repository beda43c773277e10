import type { AccountEntry, CurrentOrganization } from '../domain/organization-check.ts';
import type { DepartmentKind, GridRole } from '../import/organization-workbook.ts';
import type { OrganizationRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';
import { streetIdOf } from './streets.ts';

/** Leaders, departments, grid responsibilities, routing and accounts as the organization workbook reads and writes them. */
export function createOrganizationRepository(sql: Queryable): OrganizationRepository {
  return {
    async current() {
      const [leaders, departments, grids, units, categories, routes, accounts] = await Promise.all([
        sql<Array<{ name: string; title: string }>>`SELECT name, title FROM leaders ORDER BY id`,
        sql<Array<{ name: string; kind: DepartmentKind; street: string | null }>>`SELECT d.name, d.kind, s.name AS street FROM departments d LEFT JOIN streets s ON s.id = d.street_id ORDER BY d.id`,
        sql<Array<{ code: string; name: string; leader: string | null }>>`SELECT g.code, g.name, l.name AS leader FROM grids g LEFT JOIN leaders l ON l.id = g.leader_id
          WHERE g.retired_at IS NULL ORDER BY g.code`,
        sql<Array<{ code: string; name: string; role: GridRole }>>`SELECT g.code, d.name, gd.role FROM grid_departments gd JOIN grids g ON g.id = gd.grid_id
          JOIN departments d ON d.id = gd.department_id WHERE g.retired_at IS NULL ORDER BY g.code, d.id`,
        sql<Array<{ code: string; name: string; parentCode: string | null }>>`SELECT c.code, c.name, p.code AS "parentCode" FROM issue_categories c
          LEFT JOIN issue_categories p ON p.id = c.parent_id ORDER BY c.id`,
        sql<Array<{ key: string; department: string }>>`SELECT g.code || '|' || c.code AS key, d.name AS department FROM routing_rules r
          JOIN grids g ON g.id = r.grid_id AND g.retired_at IS NULL JOIN issue_categories c ON c.id = r.category_id JOIN departments d ON d.id = r.department_id
          ORDER BY g.code, c.id`,
        sql<Array<{ username: string } & AccountEntry>>`SELECT a.username, a.display_name AS "displayName", a.roles, d.name AS department,
          coalesce((SELECT jsonb_agg(g.code) FROM jsonb_array_elements(a.grid_ids) j JOIN grids g ON g.id = j.value::bigint), '[]'::jsonb) AS grids
          FROM accounts a LEFT JOIN departments d ON d.id = a.department_id ORDER BY a.id`,
      ]);
      const byCode: CurrentOrganization['grids'] = new Map(grids.map((row) => [row.code, { name: row.name, leader: row.leader, units: { lead: [], territorial: [], supporting: [] } }]));
      for (const row of units) byCode.get(row.code)?.units[row.role].push(row.name);
      return {
        leaders: new Map(leaders.map((row) => [row.name, row.title])),
        departments: new Map(departments.map((row) => [row.name, { kind: row.kind, street: row.street }])),
        grids: byCode,
        categories: [...categories],
        routes: new Map(routes.map((row) => [row.key, row.department])),
        accounts: new Map(accounts.map(({ username, ...entry }) => [username, entry])),
      };
    },
    async apply(organization, routes, accounts, at) {
      for (const { name, title } of organization.leaders) {
        await sql`UPDATE leaders SET title = ${title} WHERE name = ${name}`;
        await sql`INSERT INTO leaders (id, name, title) SELECT (SELECT coalesce(max(id), 0) + 1 FROM leaders), ${name}, ${title}
          WHERE NOT EXISTS (SELECT 1 FROM leaders WHERE name = ${name})`;
      }
      for (const { name, kind, street } of organization.departments) {
        const streetId = await streetIdOf(sql, street);
        await sql`UPDATE departments SET kind = ${kind}, street_id = ${streetId} WHERE name = ${name}`;
        await sql`INSERT INTO departments (id, name, kind, duty, street_id) SELECT (SELECT coalesce(max(id), 0) + 1 FROM departments), ${name}, ${kind}, NULL, ${streetId}
          WHERE NOT EXISTS (SELECT 1 FROM departments WHERE name = ${name})`;
      }
      for (const grid of organization.grids) {
        await sql`UPDATE grids SET leader_id = (SELECT min(id) FROM leaders WHERE name = ${grid.leader}) WHERE code = ${grid.code} AND retired_at IS NULL`;
        await sql`DELETE FROM grid_departments WHERE grid_id = (SELECT id FROM grids WHERE code = ${grid.code})`;
        for (const [role, names] of Object.entries(grid.units)) {
          for (const name of names) {
            await sql`INSERT INTO grid_departments (grid_id, department_id, role)
              VALUES ((SELECT id FROM grids WHERE code = ${grid.code}), (SELECT min(id) FROM departments WHERE name = ${name}), ${role})`;
          }
        }
      }
      // After the departments, which a route may name for the first time.
      if (routes.length > 0) {
        await sql`INSERT INTO routing_rules (grid_id, category_id, department_id)
          SELECT g.id, c.id, (SELECT min(d.id) FROM departments d WHERE d.name = route.department)
          FROM unnest(${routes.map((route) => route.grid)}::text[], ${routes.map((route) => route.category)}::text[], ${routes.map((route) => route.department)}::text[])
            AS route (grid, category, department)
          JOIN grids g ON g.code = route.grid JOIN issue_categories c ON c.code = route.category
          ON CONFLICT (grid_id, category_id) DO UPDATE SET department_id = excluded.department_id`;
      }
      for (const account of accounts) {
        const departmentId = sql`(SELECT min(id) FROM departments WHERE name = ${account.department})`;
        const gridIds = sql`(SELECT coalesce(jsonb_agg(id), '[]'::jsonb) FROM grids WHERE code = ANY(${account.grids}::text[]))`;
        if (account.passwordHash === null) {
          await sql`UPDATE accounts SET display_name = ${account.displayName}, roles = ${sql.json(account.roles)}, department_id = ${departmentId}, grid_ids = ${gridIds},
            updated_at = ${at} WHERE username = ${account.username}`;
        } else {
          await sql`INSERT INTO accounts (username, display_name, roles, department_id, grid_ids, password_hash, must_change_password, created_at, updated_at)
            VALUES (${account.username}, ${account.displayName}, ${sql.json(account.roles)}, ${departmentId}, ${gridIds}, ${account.passwordHash}, true, ${at}, ${at})`;
          await sql`INSERT INTO password_history (account_id, password_hash, set_at) SELECT id, ${account.passwordHash}, ${at} FROM accounts WHERE username = ${account.username}`;
        }
      }
    },
  };
}
