import type { Database } from 'better-sqlite3';
import type { Category, Department, Leader, Street } from '../schemas/contract.ts';
import type { ReferenceRepository } from '../store/repositories.ts';
import type { Synchronous } from './synchronous.ts';

/** Leaders, departments, categories and streets: small tables read whole. */
export function createReferenceRepository(database: Database): Synchronous<ReferenceRepository> {
  const statements = {
    leaders: database.prepare('SELECT id, name, title FROM leaders ORDER BY id'),
    leaderGrids: database.prepare('SELECT leader_id AS leaderId, code, name FROM grids WHERE retired_at IS NULL ORDER BY code'),
    departments: database.prepare(`SELECT d.id, d.name, d.kind, s.id AS streetId, s.name AS streetName
      FROM departments d LEFT JOIN streets s ON s.id = d.street_id ORDER BY d.id`),
    departmentExists: database.prepare('SELECT EXISTS (SELECT 1 FROM departments WHERE id = @id)').pluck(),
    categories: database.prepare(`SELECT c.id, c.code, c.name, p.code AS parentCode, c.deadline_amount AS deadlineAmount,
        c.deadline_unit AS deadlineUnit, c.default_duty AS defaultDuty
      FROM issue_categories c LEFT JOIN issue_categories p ON p.id = c.parent_id ORDER BY c.id`),
    streets: database.prepare(`SELECT s.id, s.code, s.name, count(g.id) AS grids
      FROM streets s LEFT JOIN grids g ON g.street_id = s.id AND g.retired_at IS NULL GROUP BY s.id ORDER BY s.id`),
  };

  type CategoryRow = Omit<Category, 'deadline'> & { deadlineAmount: number | null; deadlineUnit: 'working_day' | 'working_hour' | 'hour' | null };

  return {
    leaders(): Leader[] {
      const grids = statements.leaderGrids.all() as { leaderId: number; code: string; name: string }[];
      return (statements.leaders.all() as Omit<Leader, 'grids'>[]).map((leader) => ({
        ...leader,
        grids: grids.filter((grid) => grid.leaderId === leader.id).map(({ code, name }) => ({ code, name })),
      }));
    },

    departments(): Department[] {
      const rows = statements.departments.all() as (Omit<Department, 'street'> & { streetId: number | null; streetName: string | null })[];
      return rows.map(({ streetId, streetName, ...department }) => ({
        ...department,
        street: streetId === null ? null : { id: streetId, name: streetName! },
      }));
    },

    departmentExists(id: number): boolean {
      return statements.departmentExists.get({ id }) === 1;
    },

    categories(): Category[] {
      return (statements.categories.all() as CategoryRow[]).map(({ deadlineAmount, deadlineUnit, ...category }) => ({
        ...category,
        deadline: deadlineAmount === null || deadlineUnit === null ? null : { amount: deadlineAmount, unit: deadlineUnit },
      }));
    },

    streets(): Street[] {
      return statements.streets.all() as Street[];
    },
  };
}
