/**
 * How often things happen between the server and the browser pages. Set by the office (see the
 * README's configuration), and by tests, which turn the background refetch off so that only the
 * live feed can update a page, and never wait on a fixed interval.
 */
export interface Pacing {
  /** How often pages refetch what they show besides following the live feed; 0: never. */
  refreshSeconds: number;
  /** How often pages refetch what the live feed would refresh while it is down. */
  pollWhileDownSeconds: number;
  /** How often the live feed sends its heartbeat with the server's time. */
  heartbeatSeconds: number;
  /** How long a browser waits before reconnecting a dropped live feed. */
  reconnectSeconds: number;
}

export const DEFAULT_PACING: Pacing = { refreshSeconds: 30, pollWhileDownSeconds: 10, heartbeatSeconds: 15, reconnectSeconds: 3 };
