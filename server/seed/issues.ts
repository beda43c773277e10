import type { GridLookup } from '../domain/grid-lookup.ts';
import type { IssueAction, IssueSource, IssueState } from '../domain/issue-vocabulary.ts';
import {
  addWorkingMinutes, deadlineFrom, isWorkingDate, workingMinutesBetween, type DeadlineRule,
} from '../domain/working-time.ts';
import { chinaDay, chinaMidnight, DAY_MS } from '../domain/china-time.ts';
import { toLngLat, toMetres, type Metres } from './district-layout.ts';
import { ringBounds, randomPointInGrid } from './geometry-sampling.ts';
import { ISSUE_DESCRIPTIONS } from './issue-descriptions.ts';
import type { InspectionPointRecord } from './inspection-points.ts';
import { personName, type CategoryRecord, type GridProfile, type GridRecord, type Organization } from './organization.ts';
import type { Random } from './random.ts';
import type { ProblemEvent, ProblemRecord, ProblemWithHistory } from '../domain/problem-record.ts';

/**
 * Twelve months of problems with their whole histories. Each issue's life is simulated from
 * report to 销号 in working time; whatever would happen after `now` has not happened yet, so
 * the issue is left in the state its last past event gave it (open, overdue, awaiting
 * re-inspection...). Grid profiles make some grids consistently good, some poor, some improving.
 */

/** A problem as the simulation plays it, with the id the district gives it: the 反弹 name theirs by it. */
interface SimulatedProblem extends ProblemRecord {
  id: number;
}

const YEAR_MS = 365 * DAY_MS;
/** A problem recurring at the same place and category within this many days is a 反弹. */
const RECURRENCE_WINDOW_DAYS = 30;

const SOURCE_WEIGHTS: [IssueSource, number][] = [
  ['grid_patrol', 30], ['territorial_survey', 19], ['citizen_report', 18], ['regulator_joint_inspection', 9],
  ['third_party_evaluation', 9], ['leader_supervision', 6], ['city_feedback', 6], ['supervision_bulletin', 3],
];

interface ProfileBehaviour {
  /** Median share of the deadline budget a department takes to rectify. */
  pace: number;
  reworkProbability: number;
  /** Probability the department leaves it untouched for months. */
  stuckProbability: number;
}

function behaviour(profile: GridProfile, progress: number): ProfileBehaviour {
  const blend = (from: number, to: number) => from + (to - from) * progress;
  switch (profile) {
    case 'good': return { pace: 0.35, reworkProbability: 0.03, stuckProbability: 0.001 };
    case 'average': return { pace: 0.6, reworkProbability: 0.07, stuckProbability: 0.004 };
    case 'poor': return { pace: 1.15, reworkProbability: 0.17, stuckProbability: 0.02 };
    case 'improving': return { pace: blend(1.3, 0.4), reworkProbability: blend(0.16, 0.04), stuckProbability: blend(0.015, 0.002) };
    case 'declining': return { pace: blend(0.45, 1.1), reworkProbability: blend(0.04, 0.15), stuckProbability: blend(0.002, 0.015) };
  }
}

interface GridContext {
  grid: GridRecord;
  bounds: [number, number, number, number];
  hotspots: { centre: Metres; name: string }[];
  favouriteCategories: Set<number>;
}

export interface IssueGenerationContext {
  organization: Organization;
  points: InspectionPointRecord[];
  lookup: GridLookup;
  random: Random;
  now: number;
}

/** Report instants over the twelve months before `now`, sorted: busier on working days and before evaluation rounds. */
function reportInstants(random: Random, now: number, count: number): Float64Array {
  const start = now - YEAR_MS;
  const firstMidnight = chinaMidnight(start);
  const days = Array.from({ length: 367 }, (_, day) => {
    const midnight = firstMidnight + day * DAY_MS;
    const month = Number(chinaDay(midnight).slice(5, 7));
    const beforeRound = month % 3 === 2 || month % 3 === 0 ? 1.25 : 1;
    return { midnight, weight: (isWorkingDate(chinaDay(midnight)) ? 1 : 0.45) * beforeRound * (0.85 + 0.3 * (day / 366)) };
  });
  const instants = new Float64Array(count);
  for (let index = 0; index < count; index += 1) {
    let instant = now + 1;
    while (instant > now || instant < start) {
      const day = random.weighted(days, (d) => d.weight);
      const hour = random.chance(0.5) ? random.normal(10, 1.6) : random.normal(15.5, 1.8);
      instant = day.midnight + Math.min(Math.max(hour, 6), 22.5) * 3_600_000;
    }
    instants[index] = Math.round(instant);
  }
  return instants.sort();
}

/** The problems in the order they were reported, each with the id it is written under (ids run from 1). */
export function* generateIssues(context: IssueGenerationContext, count: number): Generator<ProblemWithHistory & { id: number }> {
  const { organization, points, lookup, random, now } = context;
  const start = now - YEAR_MS;
  const subcategories = organization.categories.filter((c) => c.parentId !== null);
  const routeOf = new Map(organization.routes.map((r) => [`${r.gridId}:${r.categoryId}`, r.departmentId]));
  const departmentName = (id: number) => organization.departments[id - 1]!.name;
  const bureaus = organization.departments.filter((d) => d.kind === 'bureau' && d.duty);

  const dispatchers = Array.from({ length: 5 }, () => `调度员 ${personName(random)}`);
  const inspectors = Array.from({ length: 10 }, () => `督查员 ${personName(random)}`);
  const departmentStaff = new Map(organization.departments.map((d) => [d.id, `${d.name} ${personName(random)}`]));
  const reporters: Record<IssueSource, string[]> = {
    grid_patrol: Array.from({ length: 12 }, () => `网格巡查员 ${personName(random)}`),
    territorial_survey: Array.from({ length: 12 }, () => `网格员 ${personName(random)}`),
    citizen_report: ['12345热线', '文明随手拍', '市民留言板'],
    regulator_joint_inspection: ['行业监管联查组'],
    third_party_evaluation: ['第三方测评组'],
    leader_supervision: ['区级领导督导组'],
    city_feedback: ['市创城办督查反馈'],
    supervision_bulletin: ['区创城办督查专报'],
  };

  const gridContexts: GridContext[] = organization.grids.map((grid) => {
    const ring = grid.geometry.coordinates[0]!.map(toMetres);
    const ownPoints = points.filter((p) => p.gridId === grid.id);
    const hotspots = random.shuffle(ownPoints).slice(0, 4).map((p) => ({ centre: toMetres([p.longitude, p.latitude]), name: p.name }));
    const weightOf = (c: CategoryRecord) => (grid.kind === 'block' ? c.blockWeight : c.stripWeight);
    const favourites = new Set([random.weighted(subcategories, weightOf).id, random.weighted(subcategories, weightOf).id]);
    return { grid, bounds: ringBounds(ring), hotspots, favouriteCategories: favourites };
  });

  // Closed issues in report order; the window start moves forward and the array is compacted only
  // now and then, because shifting it on every step is O(n) and made a million-issue seed quadratic.
  const recentlyClosed: SimulatedProblem[] = [];
  let recentStart = 0;
  const instants = reportInstants(random, now, count);

  for (let index = 0; index < count; index += 1) {
    const id = index + 1;
    const reportedAt = instants[index]!;
    const progress = (reportedAt - start) / YEAR_MS;

    // About 1.5% of problems come back where one was closed in the last month (反弹).
    let recurrenceOf: SimulatedProblem | null = null;
    if (random.chance(0.015)) {
      while (recentStart < recentlyClosed.length && reportedAt - recentlyClosed[recentStart]!.closedAt! > RECURRENCE_WINDOW_DAYS * DAY_MS) recentStart += 1;
      if (recentStart > 4096 && recentStart * 2 > recentlyClosed.length) {
        recentlyClosed.splice(0, recentStart);
        recentStart = 0;
      }
      const candidate = recentStart < recentlyClosed.length ? recentlyClosed[random.integer(recentStart, recentlyClosed.length - 1)]! : null;
      if (candidate && candidate.closedAt! < reportedAt) recurrenceOf = candidate;
    }

    let gridContext: GridContext;
    let category: CategoryRecord;
    let position: Metres | null;
    let address: string;
    if (recurrenceOf) {
      gridContext = gridContexts[recurrenceOf.gridId - 1]!;
      category = organization.categories[recurrenceOf.categoryId - 1]!;
      position = toMetres([recurrenceOf.longitude, recurrenceOf.latitude]);
      address = recurrenceOf.address;
    } else {
      gridContext = random.weighted(gridContexts, (g) => g.grid.busyness);
      const { grid } = gridContext;
      category = random.weighted(subcategories, (c) =>
        (grid.kind === 'block' ? c.blockWeight : c.stripWeight) * (gridContext.favouriteCategories.has(c.id) ? 3 : 1));
      const hotspot = gridContext.hotspots.length > 0 && random.chance(0.6) ? random.pick(gridContext.hotspots) : null;
      position = randomPointInGrid(random, lookup, grid.code, gridContext.bounds, hotspot ? { centre: hotspot.centre, spread: 70 } : undefined)
        ?? randomPointInGrid(random, lookup, grid.code, gridContext.bounds);
      if (!position) throw new Error(`could not place an issue in grid ${grid.code}`);
      address = hotspot ? `${grid.name}·${hotspot.name}附近` : grid.name;
    }
    const { grid } = gridContext;
    const source = random.weighted(SOURCE_WEIGHTS, ([, weight]) => weight)[0];
    const [longitude, latitude] = toLngLat(position) as [number, number];
    const issue: SimulatedProblem = {
      id, categoryId: category.id, source,
      description: `${recurrenceOf ? '【反弹】' : ''}${random.pick(ISSUE_DESCRIPTIONS[category.code] ?? [category.name])}`,
      address, longitude, latitude, gridId: grid.id, state: 'reported', departmentId: null, deadlineAt: null,
      reportedAt, assignedAt: null, acceptedAt: null, rectifiedAt: null, closedAt: null, voidedAt: null,
      extended: false, reworkCount: 0, recurrenceOf: recurrenceOf?.id ?? null, origin: null,
    };
    const events = simulateLifecycle(issue, {
      random, now, progress, grid, category, bureaus, departmentName,
      routedDepartment: routeOf.get(`${grid.id}:${category.id}`)!,
      dispatcher: () => random.pick(dispatchers),
      inspector: () => random.pick(inspectors),
      staff: (departmentId) => departmentStaff.get(departmentId)!,
      reporter: random.pick(reporters[source]),
    });
    if (issue.state === 'closed') recentlyClosed.push(issue);
    const { id: _id, ...problem } = issue;
    yield { id, problem, events };
  }
}

interface LifecycleContext {
  random: Random;
  now: number;
  progress: number;
  grid: GridRecord;
  category: CategoryRecord;
  bureaus: { id: number }[];
  departmentName: (id: number) => string;
  routedDepartment: number;
  dispatcher: () => string;
  inspector: () => string;
  staff: (departmentId: number) => string;
  reporter: string;
}

/** Plays an issue's life forward, applying only the events that have happened by `now`. */
function simulateLifecycle(issue: SimulatedProblem, context: LifecycleContext): ProblemEvent[] {
  const { random, now, category } = context;
  const events: ProblemEvent[] = [];
  /**
   * Records an event unless it lies in the future. Events never go back in time: one planned
   * before the previous event happens a minute after it. Returns when it happened, or null.
   */
  const apply = (
    plannedAt: number,
    actor: string,
    action: IssueAction,
    toState: IssueState,
    changes: Record<string, [unknown, unknown]> = {},
    note: string | null = null,
  ): number | null => {
    const previous = events.at(-1);
    const occurredAt = previous ? Math.max(plannedAt, previous.occurredAt + 60_000) : plannedAt;
    if (occurredAt > now) return null;
    events.push({ occurredAt, actor, action, fromState: previous ? issue.state : null, toState, changes, note });
    issue.state = toState;
    return occurredAt;
  };
  const later = (from: number, medianMinutes: number) => addWorkingMinutes(from, Math.max(5, Math.round(random.logNormal(medianMinutes, 0.7))));

  apply(issue.reportedAt, context.reporter, 'report', 'reported');
  if (random.chance(0.025)) {
    issue.voidedAt = apply(later(issue.reportedAt, 90), context.dispatcher(), 'void', 'void', {},
      random.pick(['重复上报', '经核实不属于创城问题', '现场核实问题不存在']));
    return events;
  }

  const rule = category.deadline as DeadlineRule;
  const dispatch = (plannedAt: number, departmentId: number): number | null => {
    const at = Math.max(plannedAt, events.at(-1)!.occurredAt + 60_000);
    const deadlineAt = deadlineFrom(at, rule);
    const applied = apply(at, context.dispatcher(), 'dispatch', 'assigned', {
      departmentId: [issue.departmentId, departmentId], deadlineAt: [issue.deadlineAt, deadlineAt],
    });
    if (applied !== null) {
      issue.departmentId = departmentId;
      issue.deadlineAt = deadlineAt;
      issue.assignedAt = applied;
    }
    return applied;
  };
  let clock: number | null = dispatch(later(issue.reportedAt, 60), context.routedDepartment);
  if (clock === null) return events;

  if (random.chance(0.04)) {
    clock = apply(later(clock, 120), context.staff(issue.departmentId!), 'send_back', 'reported', {}, '非本单位职责，申请改派');
    if (clock === null) return events;
    if (random.chance(0.15)) {
      issue.voidedAt = apply(later(clock, 90), context.dispatcher(), 'void', 'void', {}, '经核实不属于创城问题');
      return events;
    }
    const others = context.bureaus.filter((b) => b.id !== issue.departmentId);
    clock = dispatch(later(clock, 90), random.pick(others).id);
    if (clock === null) return events;
  }

  const assignedAt = clock;
  clock = apply(later(clock, 80), context.staff(issue.departmentId!), 'accept', 'in_progress');
  if (clock === null) return events;
  issue.acceptedAt = clock;

  const budgetMinutes = rule.unit === 'hour'
    ? (issue.deadlineAt! - assignedAt) / 60_000
    : workingMinutesBetween(assignedAt, issue.deadlineAt!);
  const { pace, reworkProbability, stuckProbability } = behaviour(context.grid.profile, context.progress);
  const stuck = random.chance(stuckProbability);
  let rectifyAfter = stuck ? budgetMinutes * 60 + 60 * 24 * 200 : budgetMinutes * random.logNormal(pace, 0.55);

  // Long jobs sometimes ask for more time (缓办); the dispatcher approves most requests.
  if (!stuck && budgetMinutes >= 3 * 450 && random.chance(context.grid.profile === 'poor' ? 0.12 : 0.05)) {
    const requestedAt = apply(addWorkingMinutes(assignedAt, Math.round(budgetMinutes * 0.6)), context.staff(issue.departmentId!),
      'request_extension', 'in_progress', {}, '工程量大，申请延期');
    if (requestedAt === null) return events;
    const decidedAt = later(requestedAt, 120);
    if (random.chance(0.8)) {
      const extendedDeadline = addWorkingMinutes(issue.deadlineAt!, Math.round(budgetMinutes));
      if (apply(decidedAt, context.dispatcher(), 'approve_extension', 'in_progress',
        { deadlineAt: [issue.deadlineAt, extendedDeadline], extended: [false, true] }, '同意延期（缓办）') === null) return events;
      issue.deadlineAt = extendedDeadline;
      issue.extended = true;
      rectifyAfter = budgetMinutes * random.between(1.1, 1.9);
    } else if (apply(decidedAt, context.dispatcher(), 'refuse_extension', 'in_progress', {}, '不符合延期条件，请按期整改') === null) {
      return events;
    }
  }

  let planned = addWorkingMinutes(issue.acceptedAt, Math.max(20, Math.round(rectifyAfter)));
  for (let attempt = 0; ; attempt += 1) {
    const rectifiedAt = apply(planned, context.staff(issue.departmentId!), 'submit_rectification', 'rectified', {}, '已整改完毕，附整改后照片');
    if (rectifiedAt === null) return events;
    issue.rectifiedAt = rectifiedAt;
    const inspectAt = later(rectifiedAt, 150);
    if (attempt < 2 && random.chance(reworkProbability)) {
      const failedAt = apply(inspectAt, context.inspector(), 'fail_inspection', 'in_progress', { reworkCount: [issue.reworkCount, issue.reworkCount + 1] },
        random.pick(['现场复查仍存在问题', '整改不彻底，需返工', '问题反复出现']));
      if (failedAt === null) return events;
      issue.reworkCount += 1;
      planned = addWorkingMinutes(failedAt, Math.max(20, Math.round(budgetMinutes * random.logNormal(pace * 0.5, 0.5))));
      continue;
    }
    issue.closedAt = apply(inspectAt, context.inspector(), 'pass_inspection', 'closed', {}, '复查合格，予以销号');
    return events;
  }
}
