/** The periods a leader picks from: the N full days before today, as the server counts them. */
export const WINDOW_DAYS = [7, 30, 90, 365] as const;
export type WindowDays = (typeof WINDOW_DAYS)[number];

export const isWindowDays = (value: number): value is WindowDays => WINDOW_DAYS.includes(value as WindowDays);
