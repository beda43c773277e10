import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type DayWindow, type IssuePositionQuery, type IssueQuery, type PerformanceUnitKind } from './client.ts';
import { lastFullDays, type WindowDays } from '../day-window.ts';

/** React-query hooks over the typed API; the keys say what each query depends on. */

/**
 * The grids with their performance over the `days` full days before today (the server's default:
 * 30). The window is worked out each time the query runs, so a refetch after midnight moves it on.
 */
export const useGrids = (days?: WindowDays) => useQuery({
  queryKey: ['grids', 'list', days],
  queryFn: () => api.grids(days === undefined ? undefined : lastFullDays(days, Date.now())),
  placeholderData: keepPreviousData,
});

export const useGrid = (code: string | undefined) =>
  useQuery({ queryKey: ['grids', code], queryFn: () => api.grid(code!), enabled: code !== undefined });

export const useIssues = (query: IssueQuery) => useQuery({ queryKey: ['issues', query], queryFn: () => api.issues(query) });

/** Where the matching problems are, for the map's problem layer; the last answer stays on show while the next loads. */
export const useIssuePositions = (query: IssuePositionQuery, enabled = true) => useQuery({
  queryKey: ['issues', 'positions', query],
  queryFn: () => api.issuePositions(query),
  placeholderData: keepPreviousData,
  enabled,
});

export const useCategories = () => useQuery({ queryKey: ['categories'], queryFn: api.categories, staleTime: Infinity });

export const useIssue = (id: number | undefined) =>
  useQuery({ queryKey: ['issues', 'detail', id], queryFn: () => api.issue(id!), enabled: id !== undefined });

/** Inspection points with their latest evaluation, of one grid or of the whole district. */
export const useInspectionPoints = (grid?: string) =>
  useQuery({ queryKey: ['inspection-points', grid ?? 'all'], queryFn: () => api.inspectionPoints(grid) });

export const useDepartments = () => useQuery({ queryKey: ['departments'], queryFn: api.departments, staleTime: Infinity });

/** A bulk workflow action; whatever it did or was refused, the problems' queries are refreshed. */
export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.bulk,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['issues'] }),
  });
}

export const useLeaders = () => useQuery({ queryKey: ['leaders'], queryFn: api.leaders, staleTime: Infinity });

/** Every unit of a kind over the `days` full days before today. */
export const usePerformance = (unit: PerformanceUnitKind, days: WindowDays) => useQuery({
  queryKey: ['performance', unit, days],
  queryFn: () => api.performance(unit, lastFullDays(days, Date.now())),
  placeholderData: keepPreviousData,
});

/** One unit's months over the last year. */
export const useMonthlyTrend = (unit: PerformanceUnitKind, id: string) => useQuery({
  queryKey: ['performance', 'trend', unit, id],
  queryFn: () => api.trend(unit, id, 'month', lastFullDays(365, Date.now())),
});

/** The big screen's figures of the day. */
export const useScreenToday = (token?: string) => useQuery({
  queryKey: ['screen', 'today', token],
  queryFn: () => api.screenToday(token),
  // A wall link without a valid token stays refused; asking again would not change that.
  retry: (failures, error) => !(error instanceof ApiError && error.status === 403) && failures < 2,
});

/** Every unit of a kind over an explicit window of whole days. */
export const usePerformanceIn = (unit: PerformanceUnitKind, window: DayWindow) => useQuery({
  queryKey: ['performance', unit, window.from, window.to],
  queryFn: () => api.performance(unit, window),
  placeholderData: keepPreviousData,
});

export const useRankings = (unit: Exclude<PerformanceUnitKind, 'district'>, window: DayWindow) => useQuery({
  queryKey: ['performance', 'rankings', unit, window.from, window.to],
  queryFn: () => api.rankings(unit, window),
  placeholderData: keepPreviousData,
});

export const useDailyTrend = (unit: PerformanceUnitKind, id: string, window: DayWindow) => useQuery({
  queryKey: ['performance', 'trend', unit, id, 'day', window.from, window.to],
  queryFn: () => api.trend(unit, id, 'day', window),
  placeholderData: keepPreviousData,
});
