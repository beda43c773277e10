import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';

/**
 * The live feed (GET /api/events) as the client's one subscription: each change refreshes what
 * the open pages show, without reloading. The browser's EventSource reconnects by itself and sends
 * Last-Event-ID, so nothing is missed; while it is down, the same queries are polled every 10 s.
 */

export type LiveStatus = 'connecting' | 'live' | 'lost';

/** Changes arriving together are applied together, at most this often. */
const REFRESH_DELAY_MS = 250;
/** While the feed is down, what it would refresh is polled this often instead. */
export const POLL_WHILE_DOWN_MS = 10_000;

/**
 * The queries a change to a problem can touch. Inspection points and their evaluations never
 * change with a problem (they come in by import), so the regular 30 s refetch is enough for them.
 */
const LIVE_QUERY_KEYS = [['issues'], ['grids'], ['performance'], ['screen']];

const LiveStatusContext = createContext<LiveStatus>('connecting');

export const useLiveStatus = () => useContext(LiveStatusContext);

export function LiveFeedProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    const source = new EventSource('/api/events');
    let pending: number | null = null;
    const refresh = () => {
      pending ??= window.setTimeout(() => {
        pending = null;
        for (const queryKey of LIVE_QUERY_KEYS) void queryClient.invalidateQueries({ queryKey });
      }, REFRESH_DELAY_MS);
    };
    // Each change carries the problem as it now is, but a change moves counts, rates and lists
    // across many queries; refetching those few keeps every figure equal to the API's.
    source.addEventListener('issue', refresh);
    // Too much was missed to send one by one: refresh everything.
    source.addEventListener('reload', () => void queryClient.invalidateQueries());
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
    return () => {
      source.close();
      if (pending !== null) window.clearTimeout(pending);
    };
  }, [queryClient]);
  useEffect(() => {
    if (status === 'live') return;
    const timer = window.setInterval(() => {
      for (const queryKey of LIVE_QUERY_KEYS) void queryClient.invalidateQueries({ queryKey });
    }, POLL_WHILE_DOWN_MS);
    return () => window.clearInterval(timer);
  }, [status, queryClient]);
  return <LiveStatusContext.Provider value={status}>{children}</LiveStatusContext.Provider>;
}
