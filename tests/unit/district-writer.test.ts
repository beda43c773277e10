import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../server/database/open.ts';
import { chinaYear } from '../../server/domain/china-time.ts';
import { generateDemoDistrict } from '../../server/seed/demo-district.ts';
import { standardCategories } from '../../server/seed/organization.ts';
import { writeDistrictCatalog } from '../../server/sqlite/district-catalog.ts';
import { writeDistrict } from '../../server/sqlite/district-writer.ts';
import { DEMO_DISTRICT } from '../../server/store/districts.ts';
import { TEST_NOW, temporaryDirectory } from '../support/test-database.ts';

let folder: ReturnType<typeof temporaryDirectory>;
let database: Database;
beforeEach(() => {
  folder = temporaryDirectory();
  database = openDatabase(join(folder.directory, 'district.db'));
  writeDistrictCatalog(database, DEMO_DISTRICT, standardCategories());
});
afterEach(() => {
  database.close();
  folder.remove();
});

const count = (table: string) => database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const demo = () => generateDemoDistrict({ seed: 'writer', now: TEST_NOW, issueCount: 300 });

describe('the district writer', () => {
  it('writes a district value whole: grids, organization, points, problems numbered and versioned by their histories', () => {
    const { contents } = demo();
    const written = writeDistrict(database, contents);
    expect(written).toMatchObject({ grids: contents.grids.length, departments: contents.organization.departments.length, issues: 300 });
    expect(count('grids')).toBe(contents.grids.length);
    expect(count('grid_boundaries')).toBe(contents.grids.length);
    expect(count('routing_rules')).toBe(contents.organization.routes.length);
    expect(count('field_evaluations')).toBe(contents.inspection.evaluations.length);
    expect(count('issue_positions')).toBe(300);
    const problems = database.prepare(`SELECT i.id, i.code, i.reported_at AS reportedAt, i.version, i.updated_at AS updatedAt,
        count(e.id) AS steps, max(e.occurred_at) AS lastStep
      FROM issues i JOIN issue_events e ON e.issue_id = i.id GROUP BY i.id`).all() as Array<Record<string, number | string>>;
    expect(problems).toHaveLength(300);
    for (const problem of problems) {
      expect(problem.code).toBe(`CC-${chinaYear(problem.reportedAt as number)}-${String(problem.id).padStart(7, '0')}`);
      expect(problem.version).toBe(problem.steps);
      expect(problem.updatedAt).toBe(problem.lastStep);
    }
    // The daily counters were summed as the problems went in: every grid's reports are there.
    expect(database.prepare("SELECT sum(new_issues) FROM performance_daily WHERE unit_kind = 'grid'").pluck().get())
      .toBe(database.prepare("SELECT count(*) FROM issues WHERE state != 'void'").pluck().get());
  });

  it('checks the organization as its workbook is checked, and writes nothing when it does not check', () => {
    const { contents } = demo();
    const [first, ...rest] = contents.organization.grids;
    const broken = { ...contents, organization: { ...contents.organization, grids: [{ ...first!, units: { ...first!.units, lead: ['不存在的单位'] } }, ...rest] } };
    expect(() => writeDistrict(database, broken)).toThrow(`网格责任!2: 包片单位: no department named 不存在的单位`);
    for (const table of ['streets', 'grids', 'leaders', 'departments', 'inspection_points', 'issues']) expect(count(table)).toBe(0);
  });

  it('writes into an empty district only', () => {
    writeDistrict(database, demo().contents);
    expect(() => writeDistrict(database, demo().contents)).toThrow('the district already has grids');
  });
});
