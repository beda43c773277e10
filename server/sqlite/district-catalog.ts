import type { Database } from 'better-sqlite3';
import { INSPECTION_POINT_TYPES } from '../domain/inspection-point-types.ts';
import type { CategoryRecord } from '../seed/organization.ts';
import type { District } from '../store/districts.ts';

/**
 * Names the district an empty database holds and gives it what every district starts with: the
 * problem categories with their default deadlines, and the 26 inspection point types. The demo
 * seed and a new installation's setup both begin here; the caller holds the transaction.
 */
export function writeDistrictCatalog(database: Database, district: District, categories: readonly CategoryRecord[]): void {
  if (database.prepare('SELECT EXISTS (SELECT 1 FROM district)').pluck().get() === 1) throw new Error('the database already holds a district');
  database.prepare('INSERT INTO district (id, code, name) VALUES (1, @code, @name)').run(district);
  const category = database.prepare(`INSERT INTO issue_categories (id, code, name, parent_id, deadline_amount, deadline_unit, default_duty)
    VALUES (@id, @code, @name, @parentId, @deadlineAmount, @deadlineUnit, @duty)`);
  for (const each of categories) {
    category.run({
      id: each.id, code: each.code, name: each.name, parentId: each.parentId,
      deadlineAmount: each.deadline?.amount ?? null, deadlineUnit: each.deadline?.unit ?? null, duty: each.duty,
    });
  }
  const pointType = database.prepare('INSERT INTO inspection_point_types (id, code, name) VALUES (@id, @code, @name)');
  INSPECTION_POINT_TYPES.forEach((type, index) => pointType.run({ id: index + 1, ...type }));
}
