import { DEFAULT_PACING } from '../../server/pacing.ts';
import type { ClientSettings } from '../../server/schemas/contract.ts';

/**
 * How often every query refetches besides following the live feed, as the server says (GET
 * /api/client-settings); the default holds until it has answered.
 */
let refreshSeconds = DEFAULT_PACING.refreshSeconds;

export function applyClientSettings(settings: ClientSettings): void {
  refreshSeconds = settings.refreshSeconds;
}

/** The background refetch every query runs besides following the live feed; false when the server turns it off. */
export const refreshIntervalMs = (): number | false => (refreshSeconds > 0 ? refreshSeconds * 1000 : false);
