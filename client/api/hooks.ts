import { keepPreviousData, useMutation, useQuery, queryOptions, useQueryClient } from '@tanstack/react-query';
import type {
  AccountChangeBody, AuditQuery, BulletinListQuery, GridEditBody, GridResponsibilityBody, IssueActionBody, IssuePositionsQuery, IssueQuery, PerformanceUnitKind, RankedUnitKind, TrendInterval, WindowQuery,
} from '../../server/schemas/contract.ts';
import { api, ApiError } from './client.ts';
import { applyClientSettings } from './pacing.ts';

/**
 * React-query hooks over the typed API; the keys say what each query depends on. A window of
 * days is part of the key as asked (`days: 30`), and the server resolves it on its own clock, so
 * after midnight the next refetch moves it on without the browser's clock having a say.
 */

/** The server's time and the pages' pace, which every other query's refetch follows from then on. */
export const useClientSettings = () => useQuery({
  queryKey: ['client-settings'],
  queryFn: async () => {
    const settings = await api.clientSettings();
    applyClientSettings(settings);
    return settings;
  },
  staleTime: Infinity,
  refetchInterval: false,
});

/** Every district's figures side by side, for the city view. */
export const useCity = (window: WindowQuery = {}) => useQuery({ queryKey: ['city', window], queryFn: () => api.city(window), placeholderData: keepPreviousData });

const GRIDS_FRESH_FOR_MS = 5000;

/**
 * The grids with their performance over a window (the server's default: the 30 full days before
 * today): what the map colours. Fetched moments ago (the wall asks for its grids before its page
 * mounts), the list is not fetched again when a page mounts; the live feed marks it stale
 * whenever anything changes.
 */
export const gridsQuery = (window: WindowQuery = {}) => queryOptions({
  queryKey: ['grids', 'list', window],
  queryFn: () => api.grids(window),
  staleTime: GRIDS_FRESH_FOR_MS,
});

export const useGrids = (window: WindowQuery = {}) => useQuery({ ...gridsQuery(window), placeholderData: keepPreviousData });

export const useGrid = (code: string | undefined) =>
  useQuery({ queryKey: ['grids', code], queryFn: () => api.grid(code!), enabled: code !== undefined });

export const useIssues = (query: IssueQuery) => useQuery({ queryKey: ['issues', query], queryFn: () => api.issues(query) });

/** The signed-in account's problems to rectify and to re-inspect; refreshed with every other problem list. */
export const ownWorkQuery = queryOptions({ queryKey: ['issues', 'own-work'], queryFn: api.ownWork });
export const useOwnWork = () => useQuery(ownWorkQuery);

/** Where the matching problems are, for the map's problem layer; the last answer stays on show while the next loads. */
export const useIssuePositions = (query: IssuePositionsQuery, enabled = true) => useQuery({
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

/** The grid a report at a position would fall in; the position rounded to about a metre so that a steady GPS does not ask again and again. */
export const useGridAt = (position: { longitude: number; latitude: number } | null) => {
  const rounded = position && { longitude: Number(position.longitude.toFixed(5)), latitude: Number(position.latitude.toFixed(5)) };
  return useQuery({ queryKey: ['grid-at', rounded], queryFn: () => api.gridAt(rounded!.longitude, rounded!.latitude), enabled: rounded !== null, staleTime: Infinity });
};

export const useMostReportedCategories = () => useQuery({ queryKey: ['categories', 'most-reported'], queryFn: api.mostReportedCategories, staleTime: 3_600_000 });

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

/** Every unit of a kind over a window. */
export const usePerformance = (unit: PerformanceUnitKind, window: WindowQuery) => useQuery({
  queryKey: ['performance', unit, window],
  queryFn: () => api.performance(unit, window),
  placeholderData: keepPreviousData,
});

/** The 红榜 and 黑榜 of a kind of unit over a window. */
export const useRankings = (unit: RankedUnitKind, window: WindowQuery) => useQuery({
  queryKey: ['performance', 'rankings', unit, window],
  queryFn: () => api.rankings(unit, window),
  placeholderData: keepPreviousData,
});

/** One unit's figures per day, week or month over a window. */
export const useTrend = (unit: PerformanceUnitKind, id: string, interval: TrendInterval, window: WindowQuery) => useQuery({
  queryKey: ['performance', 'trend', unit, id, interval, window],
  queryFn: () => api.trend(unit, id, interval, window),
  placeholderData: keepPreviousData,
});

/** The big screen's figures of the day. */
export const useScreenToday = () => useQuery({
  queryKey: ['screen', 'today'],
  queryFn: () => api.screenToday(),
  // A wall refused stays refused; asking again would not change that.
  retry: (failures, error) => !(error instanceof ApiError && [401, 403].includes(error.status)) && failures < 2,
});

/** A toured grid's longest-overdue problem, as the wall shows it. */
export const useOldestOverdue = (grid: string) => useQuery({ queryKey: ['issues', 'oldest-overdue', grid], queryFn: () => api.oldestOverdue(grid) });

/** The signed-in account's own password; the session it was changed in goes on. */
export const useChangePassword = () => useMutation({ mutationFn: api.changePassword });

export const useAccounts = () => useQuery({ queryKey: ['accounts'], queryFn: api.accounts });
export const useScreenDevices = () => useQuery({ queryKey: ['screen-devices'], queryFn: api.screenDevices });

/** An administrator's change: an account made or changed, a device named or revoked; the lists are read again. */
export function useAdministration() {
  const queryClient = useQueryClient();
  const settled = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['accounts'] }), queryClient.invalidateQueries({ queryKey: ['screen-devices'] })]);
  return {
    createAccount: useMutation({ mutationFn: api.createAccount, onSettled: settled }),
    changeAccount: useMutation({ mutationFn: ({ username, body }: { username: string; body: AccountChangeBody }) => api.changeAccount(username, body), onSettled: settled }),
    endSessions: useMutation({ mutationFn: api.endSessions, onSettled: settled }),
    createScreenDevice: useMutation({ mutationFn: api.createScreenDevice, onSettled: settled }),
    revokeScreenDevice: useMutation({ mutationFn: api.revokeScreenDevice, onSettled: settled }),
  };
}

/** The audit log, filtered, a page at a time. */
/** Naming a new installation's district and making its first administrator. */
export const useSetup = () => useMutation({ mutationFn: api.setup });

export const useCoordinateSystems = () => useQuery({ queryKey: ['coordinate-systems'], queryFn: api.coordinateSystems, staleTime: Infinity });
export const useImports = () => useQuery({ queryKey: ['imports'], queryFn: api.imports });
/** The grids a dry run would put in force, to draw over the current ones. */
export const useProposedGrids = (id: string | undefined) =>
  useQuery({ queryKey: ['imports', id, 'grids'], queryFn: () => api.proposedGrids(id!), enabled: id !== undefined, staleTime: Infinity });

/** Dry-running a file and applying a dry run; applying changes the grids every page shows, so they are read again. */
export function useImportActions() {
  const queryClient = useQueryClient();
  return {
    dryRun: useMutation({
      mutationFn: ({ file, fields }: { file: File; fields: Parameters<typeof api.dryRunImport>[1] }) => api.dryRunImport(file, fields),
      onSettled: () => queryClient.invalidateQueries({ queryKey: ['imports'] }),
    }),
    apply: useMutation({
      mutationFn: ({ id, acceptWarnings }: { id: string; acceptWarnings: boolean }) => api.applyImport(id, acceptWarnings),
      onSettled: () => queryClient.invalidateQueries(),
    }),
  };
}

/** One grid's change: a dry run of its name, kind or boundary (applied as an import is), or its leader and units at once. */
export function useGridEdits() {
  const queryClient = useQueryClient();
  return {
    dryRun: useMutation({
      mutationFn: ({ code, body }: { code: string; body: GridEditBody }) => api.editGrid(code, body),
      onSettled: () => queryClient.invalidateQueries({ queryKey: ['imports'] }),
    }),
    changeResponsibility: useMutation({
      mutationFn: ({ code, body }: { code: string; body: GridResponsibilityBody }) => api.changeGridResponsibility(code, body),
      onSettled: () => queryClient.invalidateQueries({ queryKey: ['grids'] }),
    }),
  };
}

export const useBulletins = (query: Partial<BulletinListQuery>) => useQuery({ queryKey: ['bulletins', query], queryFn: () => api.bulletins(query), placeholderData: keepPreviousData });

/** Issues a bulletin, or makes a draft or a correction of one; the archive is read again after. */
export function useIssueBulletin() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: api.issueBulletin, onSettled: () => queryClient.invalidateQueries({ queryKey: ['bulletins'] }) });
}

export const useAudit = (query: Partial<AuditQuery>) => useQuery({ queryKey: ['audit', query], queryFn: () => api.audit(query), placeholderData: keepPreviousData });

/** One action on one problem; the problems' queries are refreshed after. */
export function useIssueAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: IssueActionBody }) => api.act(id, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['issues'] }),
  });
}
