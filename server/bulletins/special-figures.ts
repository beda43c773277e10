import { chinaDay } from '../domain/china-time.ts';
import { AWAITING_RECTIFICATION_STATES, type IssueAction, type IssueSource, type IssueState } from '../domain/issue-vocabulary.ts';
import { invalidParameter } from '../errors.ts';
import type { Repositories } from '../store/repositories.ts';
import type { District } from '../store/districts.ts';
import { bulletinOffice } from './bulletin-content.ts';
import { workingDaysOverdue } from './daily-figures.ts';

/** A 督查专报 puts at most this many problems before the leaders. */
export const MAXIMUM_SPECIAL_PROBLEMS = 50;

export interface SpecialProblem {
  id: number;
  code: string;
  category: string;
  source: IssueSource;
  description: string;
  address: string;
  longitude: number;
  latitude: number;
  grid: { code: string; name: string };
  /** The grid's 包片领导. */
  leader: { name: string; title: string } | null;
  department: string | null;
  state: IssueState;
  reportedAt: string;
  deadlineAt: string | null;
  /** Whole working days past its deadline while it awaits rectification; null when it is not overdue. */
  workingDaysOverdue: number | null;
  reportPhotoId: number | null;
  rectificationPhotoId: number | null;
  history: Array<{ occurredAt: string; actor: string; action: IssueAction; note: string | null }>;
}

export interface SpecialFigures {
  districtName: string;
  office: string;
  recipients: string;
  problems: SpecialProblem[];
}

/** The problems a 督查专报 is about, in the order chosen, each with its grid's leader and its history, as the problem's own page has them at `now`. */
export async function gatherSpecialFigures(repositories: Repositories, district: District, issueIds: readonly number[], now: number): Promise<SpecialFigures> {
  const ids = [...new Set(issueIds)];
  if (ids.length === 0) throw invalidParameter('issueIds', 'a 督查专报 needs at least one problem', 'special_needs_problems', {});
  if (ids.length > MAXIMUM_SPECIAL_PROBLEMS) throw invalidParameter('issueIds', `a 督查专报 holds at most ${MAXIMUM_SPECIAL_PROBLEMS} problems; ${ids.length} were chosen`, 'special_too_many_problems', { maximum: MAXIMUM_SPECIAL_PROBLEMS, count: ids.length });
  const leaders = new Map<string, Promise<SpecialProblem['leader']>>();
  const leaderOf = (code: string) => {
    if (!leaders.has(code)) leaders.set(code, repositories.grids.get(code, now).then((grid) => (grid?.properties.leader ? { name: grid.properties.leader.name, title: grid.properties.leader.title } : null)));
    return leaders.get(code)!;
  };
  const problems = await Promise.all(ids.map(async (id): Promise<SpecialProblem> => {
    const issue = await repositories.issues.get(id, now);
    if (!issue) throw invalidParameter('issueIds', `there is no problem ${id}`, 'unknown_problem', { id });
    const overdue = issue.overdue && AWAITING_RECTIFICATION_STATES.includes(issue.state) && issue.deadlineAt !== null;
    return {
      id, code: issue.code, category: issue.category.name, source: issue.source, description: issue.description, address: issue.address,
      longitude: issue.longitude, latitude: issue.latitude, grid: issue.grid, leader: await leaderOf(issue.grid.code), department: issue.department?.name ?? null,
      state: issue.state, reportedAt: issue.reportedAt, deadlineAt: issue.deadlineAt,
      workingDaysOverdue: overdue ? workingDaysOverdue(Date.parse(issue.deadlineAt!), now) : null,
      reportPhotoId: issue.reportPhotoId, rectificationPhotoId: issue.rectificationPhotoId,
      history: issue.events.map(({ occurredAt, actor, action, note }) => ({ occurredAt, actor, action, note })),
    };
  }));
  return { districtName: district.name, ...bulletinOffice(district), problems };
}

/** The first day a 督查专报's problems cover: the earliest report among them. */
export const firstReportedDay = (figures: SpecialFigures) => figures.problems.map((problem) => chinaDay(Date.parse(problem.reportedAt))).sort()[0]!;
