import type { District } from '../../server/schemas/contract.ts';

/**
 * The district this page shows, fixed for the page's life: the start picks it from the address
 * (/d/<code>/…) or as the only district there is, and switching districts loads the page afresh,
 * so no cached answer of one district can stand for another's.
 */
let shown: District | null = null;
let served: readonly District[] = [];

export function showDistrict(district: District | null, districts: readonly District[]): void {
  shown = district;
  served = districts;
}

export const shownDistrict = (): District | null => shown;
export const servedDistricts = (): readonly District[] => served;

/** A path of the shown district's API. */
export function districtApiPath(path: string): string {
  if (!shown) throw new Error('no district is shown on this page');
  return `/api/districts/${encodeURIComponent(shown.code)}${path}`;
}

/** Where a district's pages live in the browser. */
export const districtPagePath = (code: string, path = '/'): string => `/d/${encodeURIComponent(code)}${path}`;

export type PageStart =
  | { kind: 'city' }
  | { kind: 'district'; district: District; basename: string }
  | { kind: 'redirect'; to: string };

/**
 * What a page address opens. `/d/<code>/…` is that district's page; `/city` the city view. A
 * path without a district (`/`, `/screen`, `/grids/B07`) is the district's when there is only
 * one, so a single district's addresses stay short; with several, `/` is the city view and the
 * others go to the first district's page.
 */
export function pageStart(pathname: string, search: string, districts: readonly District[]): PageStart {
  const scoped = /^\/d\/([^/]+)(\/.*)?$/.exec(pathname);
  if (scoped) {
    const district = districts.find((candidate) => candidate.code === decodeURIComponent(scoped[1]!));
    if (district) return { kind: 'district', district, basename: districtPagePath(district.code, '') };
    return { kind: 'city' };
  }
  if (pathname === '/city' || districts.length === 0) return { kind: 'city' };
  if (districts.length === 1) return { kind: 'district', district: districts[0]!, basename: '' };
  if (pathname === '/') return { kind: 'city' };
  return { kind: 'redirect', to: `${districtPagePath(districts[0]!.code, pathname)}${search}` };
}
