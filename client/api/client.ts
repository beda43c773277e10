import type { GridCollection, GridDetail } from '../../server/schemas/grids.ts';
import type { IssueDetail, IssueList, IssueSummary } from '../../server/schemas/issues.ts';
import type { InspectionPointSummary } from '../../server/schemas/inspection-points.ts';
import type { Category, Department, Leader, Street } from '../../server/schemas/reference.ts';
import type { PerformanceList, Rankings, Trend } from '../../server/schemas/performance.ts';
import type { ScreenToday } from '../../server/schemas/screen.ts';
import { decodeIssuePositions, type IssuePositions } from '../../server/schemas/issue-positions-format.ts';
import type { BulkActionBody, IssueActionBody } from '../../server/schemas/issue-workflow.ts';

export interface BulkResult {
  ok: boolean;
  outcomes: Array<{
    id: number; ok: boolean; version?: number; statusCode?: number; message?: string;
    current?: { code: string; version: number; state: IssueSummary['state'] }; allowed?: string[];
  }>;
  message?: string;
}

/** The typed API. Components never call fetch; they use the hooks built on this module. */

export class ApiError extends Error {
  /** The error body as the server sent it: a conflict carries the problem as it now is, a bulk refusal each item's outcome. */
  constructor(readonly status: number, message: string, readonly body: Record<string, unknown> | null = null) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A successful response, or an ApiError carrying the message and body the server gave. */
async function fetchOk(path: string, accept: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { ...init, headers: { accept, ...init.headers } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ({ message?: string } & Record<string, unknown>) | null;
    throw new ApiError(response.status, body?.message ?? `${response.status} ${response.statusText}`, body);
  }
  return response;
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetchOk(path, 'application/json', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return (await response.json()) as T;
}

async function getJson<T>(path: string): Promise<T> {
  return (await (await fetchOk(path, 'application/json')).json()) as T;
}

async function getIssuePositions(path: string): Promise<IssuePositions> {
  return decodeIssuePositions(await (await fetchOk(path, 'application/octet-stream')).arrayBuffer());
}

/** The filters the map's problem layer offers; each is a comma list the API accepts. */
export interface IssuePositionQuery {
  state?: string;
  overdue?: boolean;
  category?: string;
  source?: string;
}

export interface IssueQuery {
  grid?: string;
  state?: string;
  category?: string;
  source?: string;
  overdue?: boolean;
  department?: number;
  limit?: number;
  cursor?: string;
}

/** Whole China days, both inclusive (YYYY-MM-DD). */
export interface DayWindow {
  from: string;
  to: string;
}

function queryString(parameters: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  grids: (window?: DayWindow) => getJson<GridCollection>(`/api/grids${queryString({ ...window })}`),
  grid: (code: string) => getJson<GridDetail>(`/api/grids/${encodeURIComponent(code)}`),
  issues: (query: IssueQuery) => getJson<IssueList>(`/api/issues${queryString(query)}`),
  issuePositions: (query: IssuePositionQuery) => getIssuePositions(`/api/issues/positions${queryString(query)}`),
  issue: (id: number) => getJson<IssueDetail>(`/api/issues/${id}`),
  inspectionPoints: (grid?: string) => getJson<InspectionPointSummary[]>(`/api/inspection-points${queryString({ grid })}`),
  leaders: () => getJson<Leader[]>('/api/leaders'),
  departments: () => getJson<Department[]>('/api/departments'),
  categories: () => getJson<Category[]>('/api/categories'),
  streets: () => getJson<Street[]>('/api/streets'),
  performance: (unit: PerformanceUnitKind, window?: DayWindow) => getJson<PerformanceList>(`/api/performance${queryString({ unit, ...window })}`),
  act: (id: number, body: IssueActionBody) => postJson<IssueDetail>(`/api/issues/${id}/actions`, body),
  bulk: (body: BulkActionBody) => postJson<BulkResult>('/api/issues/bulk', body),
  screenToday: (token?: string) => getJson<ScreenToday>(`/api/screen/today${queryString({ token })}`),
  rankings: (unit: Exclude<PerformanceUnitKind, 'district'>, window: DayWindow) => getJson<Rankings>(`/api/rankings${queryString({ unit, ...window })}`),
  trend: (unit: PerformanceUnitKind, id: string, interval: 'day' | 'week' | 'month', window?: DayWindow) =>
    getJson<Trend>(`/api/performance/trend${queryString({ unit, id, interval, ...window })}`),
};

export type PerformanceUnitKind = 'grid' | 'leader' | 'department' | 'street' | 'district';

export type { ScreenToday, Rankings, BulkActionBody, IssueActionBody, IssuePositions, GridCollection, GridDetail, IssueDetail, IssueList, InspectionPointSummary, Leader, Category, Department, Street, PerformanceList, Trend };
