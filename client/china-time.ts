const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar date of an instant, YYYY-MM-DD. */
export function chinaDate(instant: number): string {
  return new Date(instant + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Instants shown as the office reads them: China time, to the minute. */
export function chinaDateTime(instant: string): string {
  return new Date(Date.parse(instant) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
