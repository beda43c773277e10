import type { Category, Department, Leader, Street } from '../schemas/contract.ts';
import type { ReferenceRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';

type CategoryRow = Omit<Category, 'deadline'> & { deadlineAmount: number | null; deadlineUnit: 'working_day' | 'working_hour' | 'hour' | null };

/** Leaders, departments, categories and streets: small tables read whole. */
export function createReferenceRepository(sql: Queryable): ReferenceRepository {
  return {
    async leaders(): Promise<Leader[]> {
      const [leaders, grids] = await Promise.all([
        sql<Omit<Leader, 'grids'>[]>`SELECT id, name, title FROM leaders ORDER BY id`,
        sql<{ leaderId: number; code: string; name: string }[]>`SELECT leader_id AS "leaderId", code, name FROM grids WHERE retired_at IS NULL ORDER BY code`,
      ]);
      return leaders.map((leader) => ({
        ...leader,
        grids: grids.filter((grid) => grid.leaderId === leader.id).map(({ code, name }) => ({ code, name })),
      }));
    },

    async departments(): Promise<Department[]> {
      const rows = await sql<(Omit<Department, 'street'> & { streetId: number | null; streetName: string | null })[]>`
        SELECT d.id, d.name, d.kind, s.id AS "streetId", s.name AS "streetName"
        FROM departments d LEFT JOIN streets s ON s.id = d.street_id ORDER BY d.id`;
      return rows.map(({ streetId, streetName, ...department }) => ({ ...department, street: streetId === null ? null : { id: streetId, name: streetName! } }));
    },

    async departmentExists(id) {
      const [row] = await sql<{ exists: boolean }[]>`SELECT EXISTS (SELECT 1 FROM departments WHERE id = ${id})`;
      return row!.exists;
    },

    async categories(): Promise<Category[]> {
      const rows = await sql<CategoryRow[]>`SELECT c.id, c.code, c.name, p.code AS "parentCode", c.deadline_amount AS "deadlineAmount",
          c.deadline_unit AS "deadlineUnit", c.default_duty AS "defaultDuty"
        FROM issue_categories c LEFT JOIN issue_categories p ON p.id = c.parent_id ORDER BY c.id`;
      return rows.map(({ deadlineAmount, deadlineUnit, ...category }) => ({
        ...category,
        deadline: deadlineAmount === null || deadlineUnit === null ? null : { amount: deadlineAmount, unit: deadlineUnit },
      }));
    },

    async streets(): Promise<Street[]> {
      return [...await sql<Street[]>`SELECT s.id, s.code, s.name, count(g.id)::int AS grids
        FROM streets s LEFT JOIN grids g ON g.street_id = s.id AND g.retired_at IS NULL GROUP BY s.id ORDER BY s.id`];
    },
  };
}
