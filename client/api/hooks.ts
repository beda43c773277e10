import { useQuery } from '@tanstack/react-query';
import { api, type IssueQuery } from './client.ts';

/** React-query hooks over the typed API; the keys say what each query depends on. */

export const useGrids = () => useQuery({ queryKey: ['grids'], queryFn: api.grids });

export const useGrid = (code: string | undefined) =>
  useQuery({ queryKey: ['grids', code], queryFn: () => api.grid(code!), enabled: code !== undefined });

export const useIssues = (query: IssueQuery) => useQuery({ queryKey: ['issues', query], queryFn: () => api.issues(query) });

export const useLeaders = () => useQuery({ queryKey: ['leaders'], queryFn: api.leaders, staleTime: Infinity });
