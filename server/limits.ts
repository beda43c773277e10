import { MAXIMUM_WINDOW_DAYS } from './domain/performance-window.ts';

/** How much one request may ask for, so that no request can hold the server or its memory. */
export interface Limits {
  /** The longest window of days a figure may cover (CIVGRID_MAXIMUM_WINDOW_DAYS). */
  maximumWindowDays: number;
  /** The most points a trend may have (a daily trend over a year and a month). */
  maximumTrendPoints: number;
  /** Below this much free disk where the database lives, the server is not ready (CIVGRID_MINIMUM_FREE_MB). */
  minimumFreeDiskBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maximumWindowDays: MAXIMUM_WINDOW_DAYS, maximumTrendPoints: 400, minimumFreeDiskBytes: 200 * 1024 * 1024 };
