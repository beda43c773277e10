import type { Database } from 'better-sqlite3';
import { checkOrganization } from '../domain/organization-check.ts';
import { ContributionTotals } from '../domain/performance-contributions.ts';
import { problemContributions, type ProblemWithHistory } from '../domain/problem-record.ts';
import { describeProblem } from '../import/workbook-sheets.ts';
import type { DistrictContents, WrittenDistrict } from '../store/district-contents.ts';
import { createGridRepository } from './grids.ts';
import { createInspectionPointRepository } from './inspection-points.ts';
import { createOrganizationRepository } from './organization.ts';
import { writeTotals } from './performance-rollups.ts';
import { createProblemImportRepository } from './problem-imports.ts';
import { addStreets } from './streets.ts';
import { bulkLoadProblems } from './bulk-load.ts';

export interface DistrictWritten {
  grids: number;
  leaders: number;
  departments: number;
  inspectionPoints: number;
  fieldEvaluations: number;
  issues: number;
  issueEvents: number;
}

/** Problems are added this many at a time, as an import adds its staged rows. */
const PROBLEMS_PER_BATCH = 5000;

/**
 * Writes a whole district into a database whose catalog (`writeDistrictCatalog`) is in and which
 * holds nothing else yet, in one transaction, by the repository methods each import applies
 * with: the grids replace the (empty) set, the organization is checked as its workbook is, the
 * points and rounds go in as the inspection import puts them, the problems as an import adds them.
 */
export function writeDistrict(database: Database, contents: DistrictContents): DistrictWritten {
  const grids = createGridRepository(database);
  const organization = createOrganizationRepository(database);
  const inspectionPoints = createInspectionPointRepository(database);
  const problems = createProblemImportRepository(database);
  return database.transaction(() => {
    if (database.prepare('SELECT EXISTS (SELECT 1 FROM grids)').pluck().get() === 1) throw new Error('the district already has grids; a district is written whole into an empty one');
    addStreets(database, contents.streets);
    // In force since always: the problems written with them go back before today.
    grids.replace(contents.grids, { at: 0, importId: null });
    const checked = checkOrganization(contents.organization, organization.current());
    if (checked.problems.length > 0) throw new Error(`the district's organization does not check: ${checked.problems.slice(0, 5).map(describeProblem).join('; ')}`);
    if (checked.accounts.length > 0) throw new Error('a district is written without accounts; they are made with their one-time passwords');
    organization.apply(contents.organization, checked.routes, [], 0);
    inspectionPoints.applyImport(contents.inspection);
    const counts = bulkLoadProblems(database, () => {
      let issues = 0;
      let issueEvents = 0;
      const totals = new ContributionTotals();
      const addBatch = (batch: ProblemWithHistory[]) => {
        problems.add(batch);
        for (const written of batch) totals.add(problemContributions(written));
        issues += batch.length;
        issueEvents += batch.reduce((sum, written) => sum + written.events.length, 0);
      };
      let batch: ProblemWithHistory[] = [];
      for (const problem of contents.problems(writtenDistrict(database))) {
        batch.push(problem);
        if (batch.length === PROBLEMS_PER_BATCH) {
          addBatch(batch);
          batch = [];
        }
      }
      addBatch(batch);
      writeTotals(database, totals);
      return { issues, issueEvents };
    });
    // Fresh statistics let the planner choose the right index from the first query on.
    database.exec('ANALYZE');
    return {
      grids: contents.grids.length,
      leaders: contents.organization.leaders.length,
      departments: contents.organization.departments.length,
      inspectionPoints: contents.inspection.points.length,
      fieldEvaluations: contents.inspection.evaluations.length,
      ...counts,
    };
  })();
}

function writtenDistrict(database: Database): WrittenDistrict {
  const ids = (sql: string) => new Map((database.prepare(sql).all() as Array<{ key: string; id: number }>).map((row) => [row.key, row.id]));
  return {
    gridIds: ids('SELECT code AS key, id FROM grids'),
    departmentIds: ids('SELECT name AS key, id FROM departments'),
    categoryIds: ids('SELECT code AS key, id FROM issue_categories'),
    pointIds: ids('SELECT name AS key, id FROM inspection_points'),
  };
}
