import type { DiffGrid } from '../domain/grid-diff.ts';
import type { ProblemWithHistory } from '../domain/problem-record.ts';
import type { EvaluationWrite, PointWrite } from '../import/inspection-import.ts';
import type { Organization } from '../import/organization-workbook.ts';

/**
 * A whole district as the imports bring it piece by piece — its grids as a grid file gives them,
 * its organization as the workbook reads it, its points and rounds, its problems with their
 * histories — and as the demo generator makes it. One writer puts it in a new database, through
 * the same repository methods that apply each import.
 */
export interface DistrictContents {
  /** Its streets with their codes, in order; grids and departments name them. */
  streets: ReadonlyArray<{ code: string; name: string }>;
  grids: readonly DiffGrid[];
  /** Checked as an organization workbook is; it brings no accounts (new ones need their one-time passwords given). */
  organization: Organization;
  inspection: { points: readonly PointWrite[]; evaluations: readonly EvaluationWrite[] };
  /** The problems, made for the district as written: as an import's rows, they refer to its ids. */
  problems(written: WrittenDistrict): Iterable<ProblemWithHistory>;
}

/** The ids the district's grids, departments, categories and points were written under. */
export interface WrittenDistrict {
  gridIds: ReadonlyMap<string, number>;
  departmentIds: ReadonlyMap<string, number>;
  categoryIds: ReadonlyMap<string, number>;
  pointIds: ReadonlyMap<string, number>;
}
