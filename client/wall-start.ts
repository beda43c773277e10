import type { QueryClient } from '@tanstack/react-query';
import type { WindowQuery } from '../server/schemas/contract.ts';
import { gridsQuery } from './api/hooks.ts';

/**
 * What the wall loads first, started while the page still settles who it is for: its page with
 * the map (MapLibre is most of what it loads), and the grids the map colours. Arriving before the
 * map starts, the grids are drawn in the map's first pass instead of a second one.
 */

/** The wall's window, resolved by the server on its own clock: the wall PC's may be days off. */
export const WALL_WINDOW: WindowQuery = { days: 30 };

export const loadScreenPage = () => import('./pages/ScreenPage.tsx');

export const isWallAddress = (pathname: string) => pathname.endsWith('/screen');

/** Fetches the wall's grids, once the district they belong to is shown. */
export function startLoadingTheWallGrids(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(gridsQuery(WALL_WINDOW));
}
