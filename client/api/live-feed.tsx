import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';

/**
 * The live feed (GET /api/events) as the client's one subscription: each change refreshes what
 * the open pages show, without reloading. The browser's EventSource reconnects by itself and sends
 * Last-Event-ID, so nothing is missed; while it is down, react-query's 30 s refetch polls instead.
 */

export type LiveStatus = 'connecting' | 'live' | 'lost';

export interface LiveCounts {
  open: number;
  overdue: number;
  at: string;
}

/** Changes arriving together are applied together, at most this often. */
const REFRESH_DELAY_MS = 250;

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
        for (const queryKey of [['issues'], ['grids'], ['performance'], ['inspection-points'], ['screen']]) void queryClient.invalidateQueries({ queryKey });
      }, REFRESH_DELAY_MS);
    };
    source.addEventListener('issue', (event) => {
      queryClient.setQueryData(['live', 'last-change'], JSON.parse((event as MessageEvent<string>).data));
      refresh();
    });
    source.addEventListener('counts', (event) => queryClient.setQueryData(['live', 'counts'], JSON.parse((event as MessageEvent<string>).data) as LiveCounts));
    // Too much was missed to send one by one: refresh everything.
    source.addEventListener('reload', () => void queryClient.invalidateQueries());
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
    return () => {
      source.close();
      if (pending !== null) window.clearTimeout(pending);
    };
  }, [queryClient]);
  return <LiveStatusContext.Provider value={status}>{children}</LiveStatusContext.Provider>;
}
