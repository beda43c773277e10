import { area as turfArea, polygon as turfPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { DeadlineRule } from '../domain/working-time.ts';
import type { DepartmentKind, GridRole } from '../domain/issue-vocabulary.ts';
import { createGridLookup, type GridKind } from '../domain/grid-lookup.ts';
import { COLUMNS, toLngLat, type DistrictLayout } from './district-layout.ts';
import { BUREAU_SEEDS, CATEGORY_SEEDS, PARTNER_UNIT_NAMES } from './catalog.ts';
import { BLOCK_NAMES, GIVEN_NAME_CHARACTERS, LEADER_TITLES, STREET_NAMES, SURNAMES } from './names.ts';
import type { Random } from './random.ts';

/** Streets, leaders, departments, grids and routing of the demo district, with their row ids. */

export interface StreetRecord { id: number; code: string; name: string }
export interface LeaderRecord { id: number; name: string; title: string }
export interface DepartmentRecord { id: number; name: string; kind: DepartmentKind; duty: string | null; streetId: number | null }
export interface GridRecord {
  id: number;
  code: string;
  name: string;
  kind: GridKind;
  streetId: number;
  leaderId: number;
  geometry: Polygon;
  areaSquareMetres: number;
  /** Grid quality profile that drives its simulated performance. */
  profile: GridProfile;
  /** Relative issue volume. */
  busyness: number;
}
export type GridProfile = 'good' | 'average' | 'poor' | 'improving' | 'declining';
export interface GridDepartmentRecord { gridId: number; departmentId: number; role: GridRole }
export interface CategoryRecord {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  deadline: DeadlineRule | null;
  duty: string | null;
  blockWeight: number;
  stripWeight: number;
}
/** The negative list's categories with their default deadlines and duties, as every district starts with them. */
export function standardCategories(): CategoryRecord[] {
  const categories: CategoryRecord[] = [];
  for (const seed of CATEGORY_SEEDS) {
    const parent: CategoryRecord = {
      id: categories.length + 1, code: seed.code, name: seed.name, parentId: null,
      deadline: null, duty: null, blockWeight: 0, stripWeight: 0,
    };
    categories.push(parent);
    for (const sub of seed.subcategories) {
      categories.push({
        id: categories.length + 1, code: sub.code, name: sub.name, parentId: parent.id,
        deadline: sub.deadline, duty: sub.duty, blockWeight: sub.blockWeight, stripWeight: sub.stripWeight,
      });
    }
  }
  return categories;
}

export interface RouteRecord { gridId: number; categoryId: number; departmentId: number }

export interface Organization {
  streets: StreetRecord[];
  leaders: LeaderRecord[];
  departments: DepartmentRecord[];
  grids: GridRecord[];
  gridDepartments: GridDepartmentRecord[];
  categories: CategoryRecord[];
  routes: RouteRecord[];
}

export function personName(random: Random): string {
  const given = random.chance(0.6)
    ? random.pick(GIVEN_NAME_CHARACTERS) + random.pick(GIVEN_NAME_CHARACTERS)
    : random.pick(GIVEN_NAME_CHARACTERS);
  return random.pick(SURNAMES) + given;
}

/** Street office index for a block: 2 columns × 3 rows of blocks per street. */
export function streetIndexOfBlock(column: number, row: number): number {
  return (row >= 3 ? COLUMNS / 2 : 0) + Math.floor(column / 2);
}

const PROFILE_WEIGHTS: [GridProfile, number][] = [
  ['good', 0.25], ['average', 0.33], ['poor', 0.2], ['improving', 0.15], ['declining', 0.07],
];

export function buildOrganization(layout: DistrictLayout, random: Random): Organization {
  const streets = STREET_NAMES.map((name, index): StreetRecord => ({
    id: index + 1, code: `J${String(index + 1).padStart(2, '0')}`, name,
  }));

  const usedNames = new Set<string>();
  const leaders = LEADER_TITLES.map((title, index): LeaderRecord => {
    let name = personName(random);
    while (usedNames.has(name)) name = personName(random);
    usedNames.add(name);
    return { id: index + 1, name, title };
  });

  const departments: DepartmentRecord[] = [
    ...BUREAU_SEEDS.map((seed) => ({ ...seed, streetId: null })),
    ...streets.map((street) => ({
      name: `${street.name}办事处`, kind: 'street_office' as const, duty: 'territorial', streetId: street.id,
    })),
    ...PARTNER_UNIT_NAMES.map((name) => ({ name, kind: 'partner_unit' as const, duty: null, streetId: null })),
  ].map((department, index) => ({ ...department, id: index + 1 }));
  const departmentByDuty = new Map(departments.filter((d) => d.duty && d.kind === 'bureau').map((d) => [d.duty!, d]));
  const streetOffice = (streetId: number) => departments.find((d) => d.kind === 'street_office' && d.streetId === streetId)!;

  const blockPolygons = layout.blocks.map((block) => turfPolygon([block.ring.map(toLngLat)]).geometry);
  const blockLookup = createGridLookup(
    blockPolygons.map((geometry, index) => ({ code: String(index), kind: 'block', geometry })),
  );
  const profileFor = () => random.weighted(PROFILE_WEIGHTS, ([, weight]) => weight)[0];

  const grids: GridRecord[] = [];
  layout.blocks.forEach((block, index) => {
    const geometry = blockPolygons[index]!;
    grids.push({
      id: grids.length + 1,
      code: `B${String(index + 1).padStart(2, '0')}`,
      name: `${BLOCK_NAMES[index]}片区`,
      kind: 'block',
      streetId: streetIndexOfBlock(block.column, block.row) + 1,
      leaderId: 0,
      geometry,
      areaSquareMetres: turfArea(geometry),
      profile: profileFor(),
      // The old town (middle columns, the rows either side of the river) is the busiest.
      busyness: random.between(0.6, 1.3) * (block.column >= 2 && block.column <= 5 && block.row >= 2 && block.row <= 4 ? 1.6 : 1),
    });
  });
  layout.strips.forEach((strip, index) => {
    const geometry: Polygon = { type: 'Polygon', coordinates: [strip.ring] };
    const middle = strip.centreLine[Math.floor(strip.centreLine.length / 2)]!;
    const blockIndex = Number(blockLookup(...(toLngLat(middle) as [number, number])));
    const block = layout.blocks[blockIndex]!;
    grids.push({
      id: grids.length + 1,
      code: `S${String(index + 1).padStart(2, '0')}`,
      name: `${strip.road.name}沿线${strip.section ? `（${strip.section}）` : ''}`,
      kind: 'strip',
      streetId: streetIndexOfBlock(block.column, block.row) + 1,
      leaderId: 0,
      geometry,
      areaSquareMetres: turfArea(geometry),
      profile: profileFor(),
      busyness: random.between(1.2, 2.4),
    });
  });

  // 27 leaders share 65 grids, 2–3 each, neighbours together: blocks street by street, then strips.
  const orderedGrids = [
    ...grids.filter((g) => g.kind === 'block').sort((a, b) => a.streetId - b.streetId || a.id - b.id),
    ...grids.filter((g) => g.kind === 'strip'),
  ];
  const leadersWithThree = new Set(random.shuffle(leaders.map((l) => l.id)).slice(0, grids.length - 2 * leaders.length));
  let cursor = 0;
  for (const leader of leaders) {
    const count = leadersWithThree.has(leader.id) ? 3 : 2;
    for (const grid of orderedGrids.slice(cursor, cursor + count)) grid.leaderId = leader.id;
    cursor += count;
  }

  const partnerUnits = departments.filter((d) => d.kind === 'partner_unit' || (d.kind === 'bureau' && d.duty === null));
  const supportingDuties = ['city_management', 'market', 'sanitation', 'landscaping', 'civilization'];
  const stripLeadDuties = ['city_management', 'municipal', 'housing', 'transport', 'traffic_police'];
  const gridDepartments: GridDepartmentRecord[] = [];
  const link = (gridId: number, departmentId: number, role: GridRole) => {
    if (!gridDepartments.some((l) => l.gridId === gridId && l.departmentId === departmentId)) {
      gridDepartments.push({ gridId, departmentId, role });
    }
  };
  for (const grid of grids) {
    if (grid.kind === 'block') {
      link(grid.id, partnerUnits[(grid.id - 1) % partnerUnits.length]!.id, 'lead');
      link(grid.id, streetOffice(grid.streetId).id, 'territorial');
      for (const duty of random.shuffle(supportingDuties).slice(0, random.integer(1, 2))) {
        link(grid.id, departmentByDuty.get(duty)!.id, 'supporting');
      }
    } else {
      link(grid.id, departmentByDuty.get(stripLeadDuties[(grid.id - 1) % stripLeadDuties.length]!)!.id, 'lead');
      link(grid.id, streetOffice(grid.streetId).id, 'territorial');
      // Every other street office the corridor passes through is territorial too.
      const strip = layout.strips[grid.id - 1 - layout.blocks.length]!;
      for (const point of strip.centreLine.filter((_, i) => i % 8 === 4)) {
        const blockIndex = blockLookup(...(toLngLat(point) as [number, number]));
        if (blockIndex === null) continue;
        const block = layout.blocks[Number(blockIndex)]!;
        link(grid.id, streetOffice(streetIndexOfBlock(block.column, block.row) + 1).id, 'territorial');
      }
      link(grid.id, departmentByDuty.get('traffic_police')!.id, 'supporting');
      link(grid.id, departmentByDuty.get('sanitation')!.id, 'supporting');
    }
  }

  const categories = standardCategories();

  const routes: RouteRecord[] = [];
  for (const grid of grids) {
    const territorial = streetOffice(grid.streetId);
    for (const category of categories) {
      if (category.parentId === null) continue;
      const department = category.duty === 'territorial' ? territorial : departmentByDuty.get(category.duty!);
      if (!department) throw new Error(`no department has the duty ${category.duty}`);
      routes.push({ gridId: grid.id, categoryId: category.id, departmentId: department.id });
    }
  }

  return { streets, leaders, departments, grids, gridDepartments, categories, routes };
}
