import { createGridLookup } from '../domain/grid-lookup.ts';
import type { ProblemWithHistory } from '../domain/problem-record.ts';
import type { Organization as OrganizationWorkbook } from '../import/organization-workbook.ts';
import type { DistrictContents, WrittenDistrict } from '../store/district-contents.ts';
import { generateDistrictLayout, type DistrictLayout } from './district-layout.ts';
import { buildInspectionPoints, type InspectionPointRecord } from './inspection-points.ts';
import { generateIssues } from './issues.ts';
import { buildOrganization, type Organization } from './organization.ts';
import { Random } from './random.ts';

export interface DemoDistrict {
  contents: DistrictContents;
  layout: DistrictLayout;
  organization: Organization;
  points: InspectionPointRecord[];
  /** Once its problems have been written: the department holding the most of them (the first such), by id. */
  busiestDepartment(): number | null;
}

/**
 * The demo district as a value, in the form the imports bring a real one: grids as a grid file
 * gives them, the organization as its workbook reads it, points and rounds, problems with their
 * histories. Deterministic for a seed and `now`; problems are made for the twelve months before it.
 */
export function generateDemoDistrict(options: { seed: string; now: number; issueCount: number }): DemoDistrict {
  const layout = generateDistrictLayout(options.seed);
  const organization = buildOrganization(layout, new Random(`${options.seed}:organization`));
  const lookup = createGridLookup(organization.grids);
  const { points, evaluations } = buildInspectionPoints(layout, organization, lookup, new Random(`${options.seed}:points`), options.now);
  const streetName = (id: number | null) => (id === null ? null : organization.streets[id - 1]!.name);
  const pointName = new Map(points.map((point) => [point.id, point.name]));
  const problemsByDepartment = new Map<number, number>();

  function* problems(written: WrittenDistrict): Iterable<ProblemWithHistory> {
    // The problems are made with the ids the generator gave; the writer must have given the same.
    const agrees = <T extends { id: number }>(records: readonly T[], ids: ReadonlyMap<string, number>, key: (record: T) => string) =>
      records.length === ids.size && records.every((record) => ids.get(key(record)) === record.id);
    if (!agrees(organization.grids, written.gridIds, (grid) => grid.code) || !agrees(organization.departments, written.departmentIds, (department) => department.name)
      || !agrees(organization.categories, written.categoryIds, (category) => category.code) || !agrees(points, written.pointIds, (point) => point.name)) {
      throw new Error('the demo district was written under other ids than it was made with');
    }
    for (const { id: _id, ...problem } of generateIssues({ organization, points, lookup, random: new Random(`${options.seed}:issues`), now: options.now }, options.issueCount)) {
      const { departmentId } = problem.problem;
      if (departmentId !== null) problemsByDepartment.set(departmentId, (problemsByDepartment.get(departmentId) ?? 0) + 1);
      yield problem;
    }
  }

  return {
    layout, organization, points,
    contents: {
      streets: organization.streets,
      grids: organization.grids.map((grid) => ({
        code: grid.code, name: grid.name, kind: grid.kind, street: streetName(grid.streetId), geometry: grid.geometry, areaSquareMetres: grid.areaSquareMetres,
      })),
      organization: organizationWorkbook(organization),
      inspection: {
        points: points.map((point) => ({
          id: null, name: point.name, typeCode: point.type, gridId: point.gridId, longitude: point.longitude, latitude: point.latitude,
          departmentId: point.departmentId, person: point.responsiblePerson,
        })),
        evaluations: evaluations.map(({ pointId, ...evaluation }) => ({ point: pointName.get(pointId)!, ...evaluation })),
      },
      problems,
    },
    busiestDepartment() {
      let busiest: [number, number] | null = null;
      for (const [id, count] of problemsByDepartment) if (!busiest || count > busiest[1] || (count === busiest[1] && id < busiest[0])) busiest = [id, count];
      return busiest?.[0] ?? null;
    },
  };
}

/** The organization as its workbook's rows would give it: people, departments and routes by name. */
function organizationWorkbook(organization: Organization): OrganizationWorkbook {
  const { streets, leaders, departments, grids, gridDepartments, categories, routes } = organization;
  const categoryCode = new Map(categories.map((category) => [category.id, category.code]));
  return {
    leaders: leaders.map(({ name, title }) => ({ name, title })),
    departments: departments.map((department) => ({
      name: department.name, kind: department.kind, street: department.streetId === null ? null : streets[department.streetId - 1]!.name,
    })),
    grids: grids.map((grid, index) => {
      const units = { lead: [] as string[], territorial: [] as string[], supporting: [] as string[] };
      for (const link of gridDepartments) if (link.gridId === grid.id) units[link.role].push(departments[link.departmentId - 1]!.name);
      return { row: index + 2, code: grid.code, name: grid.name, leader: leaders[grid.leaderId - 1]!.name, units };
    }),
    routes: routes.map((route, index) => ({
      row: index + 2, grid: grids[route.gridId - 1]!.code, category: categoryCode.get(route.categoryId)!, department: departments[route.departmentId - 1]!.name,
    })),
    accounts: [],
  };
}
