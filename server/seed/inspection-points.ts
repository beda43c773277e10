import { createGridLookup, type GridLookup } from '../domain/grid-lookup.ts';
import type { InspectionPointTypeCode } from '../domain/inspection-point-types.ts';
import { verdictForScoreRate, type EvaluationVerdict, type EvaluatorKind } from '../domain/issue-vocabulary.ts';
import { addDays, chinaDay } from '../domain/china-time.ts';
import { CORRIDOR_HALF_WIDTH, toLngLat, type DistrictLayout, type Metres } from './district-layout.ts';
import { besideLine, isInRiver, randomPointInGrid, ringBounds } from './geometry-sampling.ts';
import {
  BANK_NAMES, BLOCK_NAMES, CULTURE_FACILITY_NAMES, DISTRICT_NAME, HOSPITAL_NAMES, HOTEL_NAMES,
  MALL_NAMES, RESIDENTIAL_SUFFIXES, SCENIC_NAMES, SCHOOL_NAMES, SQUARE_NAMES,
} from './names.ts';
import { personName, type GridProfile, type Organization } from './organization.ts';
import type { Random } from './random.ts';

export interface InspectionPointRecord {
  id: number;
  name: string;
  type: InspectionPointTypeCode;
  gridId: number;
  longitude: number;
  latitude: number;
  departmentId: number;
  responsiblePerson: string;
}

export interface FieldEvaluationRecord {
  pointId: number;
  evaluatedOn: string;
  evaluatorKind: EvaluatorKind;
  itemsObserved: number;
  itemsFailed: number;
  scoreRate: number;
  verdict: EvaluationVerdict;
}

/** Third-party district means of the last four quarterly rounds move from 71.34 toward 75.42. */
const FIRST_ROUND_MEAN = 71.3;
const LAST_ROUND_MEAN = 75.4;

function profileOffset(profile: GridProfile, progress: number): number {
  switch (profile) {
    case 'good': return 8;
    case 'average': return 0;
    case 'poor': return -9;
    case 'improving': return -8 + 15 * progress;
    case 'declining': return 5 - 12 * progress;
  }
}

/** Observation items a field evaluation checks at a point of this type. */
const ITEMS_BY_TYPE: Partial<Record<InspectionPointTypeCode, [number, number]>> = {
  community: [12, 20], residential_compound: [8, 14], market: [10, 16], school: [8, 12],
  hospital: [8, 12], major_crossing: [4, 7], bus_stop: [3, 5], main_road: [6, 10], back_street: [5, 8],
};

/** The four most recent quarterly round dates (the 15th of Mar/Jun/Sep/Dec) on or before `now`. */
export function quarterlyRoundDates(now: number): string[] {
  const today = chinaDay(now);
  const dates: string[] = [];
  let year = Number(today.slice(0, 4));
  let month = 12;
  while (dates.length < 4) {
    const date = `${year}-${String(month).padStart(2, '0')}-15`;
    if (date <= today) dates.unshift(date);
    month -= 3;
    if (month <= 0) { month += 12; year -= 1; }
  }
  return dates;
}

export function buildInspectionPoints(
  layout: DistrictLayout,
  organization: Organization,
  lookup: GridLookup,
  random: Random,
  now: number,
): { points: InspectionPointRecord[]; evaluations: FieldEvaluationRecord[] } {
  const gridByCode = new Map(organization.grids.map((grid) => [grid.code, grid]));
  const blockGrids = organization.grids.filter((grid) => grid.kind === 'block');
  const blockLookup = createGridLookup(blockGrids);
  const departmentNamed = (name: string) => organization.departments.find((d) => d.name === name);
  const dutyDepartment = (duty: string) => organization.departments.find((d) => d.kind === 'bureau' && d.duty === duty)!;
  const streetOfficeOf = (gridId: number) => {
    const grid = organization.grids[gridId - 1]!;
    return organization.departments.find((d) => d.kind === 'street_office' && d.streetId === grid.streetId)!;
  };
  const blockShortName = (position: Metres): string => {
    const code = blockLookup(...(toLngLat(position) as [number, number]));
    return code ? BLOCK_NAMES[Number(code.slice(1)) - 1]! : '';
  };

  const points: InspectionPointRecord[] = [];
  const usedNames = new Set<string>();
  const add = (
    type: InspectionPointTypeCode,
    name: string,
    position: Metres,
    department: (gridId: number) => { id: number },
  ) => {
    if (isInRiver(position)) return;
    const [longitude, latitude] = toLngLat(position) as [number, number];
    const code = lookup(longitude, latitude);
    if (!code) return;
    let uniqueName = name;
    for (let suffix = 2; usedNames.has(uniqueName); suffix += 1) uniqueName = `${name}（${suffix}）`;
    usedNames.add(uniqueName);
    const gridId = gridByCode.get(code)!.id;
    points.push({
      id: points.length + 1, name: uniqueName, type, gridId, longitude, latitude,
      departmentId: department(gridId).id, responsiblePerson: personName(random),
    });
  };
  const inBlock = (blockIndex: number, near?: { centre: Metres; spread: number }) => {
    const block = layout.blocks[blockIndex]!;
    return randomPointInGrid(random, lookup, blockGrids[blockIndex]!.code, ringBounds(block.ring), near);
  };

  for (const crossing of layout.crossings) {
    add('major_crossing', `${crossing.northSouth}与${crossing.eastWest}交叉口`, crossing.position, () => dutyDepartment('traffic_police'));
  }
  for (const road of layout.mainRoads) {
    const stops = road.axis === 'north_south' ? 8 : 10;
    for (let stop = 0; stop < stops; stop += 1) {
      const fraction = (stop + 0.5) / stops;
      const side = stop % 2 === 0 ? 1 : -1;
      const position = besideLine(road.centreLine, fraction, side * (CORRIDOR_HALF_WIDTH - 12));
      const nearBlock = blockShortName(besideLine(road.centreLine, fraction, side * 120));
      add('bus_stop', `${road.name}${nearBlock}站`, position, () => dutyDepartment('transport'));
    }
  }
  for (const strip of layout.strips) {
    for (const fraction of [0.2, 0.5, 0.8]) {
      const nearBlock = blockShortName(besideLine(strip.centreLine, fraction, 120));
      add('main_road', `${strip.road.name}（${nearBlock}段）`, besideLine(strip.centreLine, fraction, 8),
        (gridId) => organization.departments[organization.gridDepartments.find((l) => l.gridId === gridId && l.role === 'lead')!.departmentId - 1]!);
    }
  }
  for (const road of layout.mainRoads.filter((r) => r.name === '中山路' || r.name === '解放路')) {
    for (const fraction of [0.38, 0.46, 0.54, 0.62]) {
      const nearBlock = blockShortName(besideLine(road.centreLine, fraction, 120));
      add('commercial_street', `${road.name}商业街（${nearBlock}段）`, besideLine(road.centreLine, fraction, 20), () => dutyDepartment('commerce'));
    }
  }
  for (const minorRoad of layout.minorRoads.slice(0, 56)) {
    add('back_street', minorRoad.name, besideLine(minorRoad.centreLine, random.between(0.3, 0.7), 0), streetOfficeOf);
  }

  layout.blocks.forEach((_, blockIndex) => {
    const shortName = BLOCK_NAMES[blockIndex]!;
    const communities = random.integer(1, 2);
    for (let n = 0; n < communities; n += 1) {
      const position = inBlock(blockIndex);
      if (position) add('community', `${shortName}${n === 0 ? '' : '东'}社区`, position, streetOfficeOf);
    }
    const compounds = random.integer(1, 2);
    for (let n = 0; n < compounds; n += 1) {
      const position = inBlock(blockIndex);
      if (position) add('residential_compound', `${random.pick(BLOCK_NAMES)}${random.pick(RESIDENTIAL_SUFFIXES)}`, position, streetOfficeOf);
    }
  });

  const blockIndexes = layout.blocks.map((_, index) => index);
  const scatter = (
    type: InspectionPointTypeCode,
    count: number,
    nameFor: (n: number, shortName: string) => string,
    department: (gridId: number) => { id: number },
    candidates = blockIndexes,
  ) => {
    for (let n = 0; n < count; n += 1) {
      const blockIndex = candidates[n % candidates.length]!;
      const position = inBlock(blockIndex);
      if (position) add(type, nameFor(n, BLOCK_NAMES[blockIndex]!), position, department);
    }
  };
  const shuffledBlocks = random.shuffle(blockIndexes);
  scatter('school', 30, (n, short) => (n < SCHOOL_NAMES.length ? `${DISTRICT_NAME}${SCHOOL_NAMES[n]}` : `${short}${n % 3 === 0 ? '中学' : '小学'}`),
    () => dutyDepartment('education'), shuffledBlocks);
  scatter('hospital', HOSPITAL_NAMES.length, (n) => HOSPITAL_NAMES[n]!, () => dutyDepartment('health'), shuffledBlocks.slice(10));
  scatter('construction_site', 12, (_, short) => `${short}${random.pick(RESIDENTIAL_SUFFIXES)}项目工地`, () => dutyDepartment('housing'), shuffledBlocks.slice(20));
  scatter('cultural_facility', CULTURE_FACILITY_NAMES.length, (n) => CULTURE_FACILITY_NAMES[n]!, () => dutyDepartment('culture'), [19, 20, 27, 28, 35, 36]);
  scatter('public_square', SQUARE_NAMES.length, (n) => SQUARE_NAMES[n]!, () => dutyDepartment('city_management'), [26, 29, 34, 21]);
  const edgeBlocks = blockIndexes.filter((i) => i % 8 === 0 || i % 8 === 7 || i < 8 || i >= 40);
  scatter('urban_fringe', 6, (_, short) => `${short}城乡接合部`, streetOfficeOf, random.shuffle(edgeBlocks));

  // Frontage businesses stand just behind a main road's corridor.
  const frontage = (
    type: InspectionPointTypeCode,
    count: number,
    nameFor: (n: number, shortName: string) => string,
    department: (n: number) => (gridId: number) => { id: number },
    depth: [number, number],
  ) => {
    for (let n = 0; n < count; n += 1) {
      const road = random.pick(layout.mainRoads);
      const position = besideLine(road.centreLine, random.between(0.05, 0.95), (random.chance(0.5) ? 1 : -1) * random.between(...depth));
      add(type, nameFor(n, blockShortName(position)), position, department(n));
    }
  };
  frontage('shopping_mall', 20, (n, short) => `${MALL_NAMES[n % MALL_NAMES.length]}（${short}店）`, () => () => dutyDepartment('commerce'), [60, 110]);
  frontage('bank_branch', 24, (n, short) => `${BANK_NAMES[n % BANK_NAMES.length]}${short}支行`,
    (n) => () => organization.departments.find((d) => d.name.startsWith(BANK_NAMES[n % BANK_NAMES.length]!.slice(0, 2))) ?? dutyDepartment('commerce'), [45, 70]);
  frontage('hotel', 12, (n, short) => `${HOTEL_NAMES[n % HOTEL_NAMES.length]}（${short}店）`, () => () => dutyDepartment('culture'), [50, 100]);
  frontage('public_toilet', 25, (_, short) => `${short}公厕`, () => () => dutyDepartment('sanitation'), [40, 60]);

  for (const [index, minorRoad] of layout.minorRoads.entries()) {
    if (index % 6 !== 1) continue;
    const position = besideLine(minorRoad.centreLine, random.between(0.3, 0.7), 25);
    add('market', `${blockShortName(position)}农贸市场`, position, () => dutyDepartment('market'));
  }

  const streetCentres = organization.streets.map((street) => {
    const blocks = layout.blocks.filter((_, index) => blockGrids[index]!.streetId === street.id);
    return blocks[Math.floor(blocks.length / 2)]!;
  });
  add('government_service_hall', `${DISTRICT_NAME}政务服务中心`, layout.blocks[27]!.centre, () => dutyDepartment('government_service'));
  add('civilization_practice_centre', `${DISTRICT_NAME}新时代文明实践中心`, [layout.blocks[28]!.centre[0], layout.blocks[28]!.centre[1] - 200], () => dutyDepartment('civilization'));
  organization.streets.forEach((street, index) => {
    const block = streetCentres[index]!;
    add('government_service_hall', `${street.name}便民服务中心`, [block.centre[0] + 150, block.centre[1] + 120], streetOfficeOf);
    add('civilization_practice_centre', `${street.name}新时代文明实践所`, [block.centre[0] - 150, block.centre[1] - 100], () => dutyDepartment('civilization'));
  });
  const windows: [string, string][] = [
    ['车辆管理所', '公安分局交通警察大队'], ['不动产登记中心', '区自然资源和规划分局'], ['社保服务大厅', '区人力资源和社会保障局'],
    ['供电营业厅', '国网青川供电公司'], ['自来水营业厅', '青川水务集团'], ['燃气营业厅', '青川燃气公司'],
    ['移动营业厅', '中国移动青川分公司'], ['联通营业厅', '中国联通青川分公司'], ['电信营业厅', '中国电信青川分公司'],
    ['邮政营业厅', '青川邮政分公司'], ['办税服务厅', '区税务局'], ['婚姻登记处', '区民政局'],
  ];
  windows.forEach(([name, unit], n) => {
    const road = layout.mainRoads[n % layout.mainRoads.length]!;
    const position = besideLine(road.centreLine, 0.3 + 0.04 * n, 55);
    add('service_window', `${name}（${blockShortName(position)}）`, position, () => departmentNamed(unit) ?? dutyDepartment('government_service'));
  });
  for (const park of layout.parks) {
    const [minX, minY, maxX, maxY] = ringBounds(park.ring);
    add('park', park.name, [(minX + maxX) / 2, (minY + maxY) / 2], () => dutyDepartment('landscaping'));
  }
  SCENIC_NAMES.forEach((name, n) => {
    add('scenic_spot', name, besideLine(layout.riversideRoad.centreLine, 0.25 + 0.25 * n, 40), () => dutyDepartment('culture'));
  });
  add('bus', '青川公交第一车队场站', besideLine(layout.boundaryRoads[2]!.centreLine, 0.3, 80), () => dutyDepartment('transport'));
  add('bus', '青川公交第二车队场站', besideLine(layout.boundaryRoads[3]!.centreLine, 0.7, -80), () => dutyDepartment('transport'));
  add('taxi', '出租车综合服务区（火车站）', besideLine(layout.boundaryRoads[1]!.centreLine, 0.4, 90), () => dutyDepartment('transport'));
  add('taxi', '出租车停靠点（人民广场）', besideLine(layout.mainRoads[3]!.centreLine, 0.55, 25), () => dutyDepartment('transport'));

  const evaluations: FieldEvaluationRecord[] = [];
  const rounds = quarterlyRoundDates(now);
  rounds.forEach((roundDate, roundIndex) => {
    const progress = roundIndex / (rounds.length - 1);
    const roundMean = FIRST_ROUND_MEAN + (LAST_ROUND_MEAN - FIRST_ROUND_MEAN) * progress;
    for (const point of points) {
      const profile = organization.grids[point.gridId - 1]!.profile;
      const evaluate = (evaluatorKind: EvaluatorKind, evaluatedOn: string) => {
        const [fewest, most] = ITEMS_BY_TYPE[point.type] ?? [5, 10];
        const itemsObserved = random.integer(fewest, most);
        const scoreRate = Math.round(Math.min(100, Math.max(25, random.normal(roundMean + profileOffset(profile, progress), 9))) * 100) / 100;
        const itemsFailed = Math.min(itemsObserved, Math.round(itemsObserved * (1 - scoreRate / 100)));
        evaluations.push({
          pointId: point.id, evaluatedOn, evaluatorKind, itemsObserved, itemsFailed, scoreRate, verdict: verdictForScoreRate(scoreRate),
        });
      };
      evaluate('third_party', roundDate);
      if (random.chance(0.25)) {
        const day = String(random.integer(2, 28)).padStart(2, '0');
        const monthBefore = addDays(roundDate, -30).slice(0, 8);
        evaluate(random.chance(0.4) ? 'city' : 'district', `${monthBefore}${day}`);
      }
    }
  });
  return { points, evaluations };
}
