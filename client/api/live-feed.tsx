import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LiveMessage } from '../../server/schemas/contract.ts';
import { useClientSettings } from './hooks.ts';
import { districtApiPath } from './district.ts';
import { deviceQuery, usePermission } from './session.ts';
import { DEFAULT_PACING } from '../../server/pacing.ts';
import { learnServerTime } from './server-clock.ts';
import { chinaDay } from '../../server/domain/china-time.ts';

/**
 * The shown district's live feed (GET /api/districts/<code>/events) as the client's one
 * subscription: each change refreshes what the open pages show, without reloading, and each message tells the server's time. The
 * browser's EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed; while
 * it is down, the same queries are polled at the pace the server sets (GET /api/client-settings,
 * fetched before any page starts).
 */

export type LiveStatus = 'connecting' | 'live' | 'lost';

/** Changes arriving together are applied together, at most this often. */
const REFRESH_DELAY_MS = 250;

/**
 * The queries a change to a problem can touch. Inspection points and their evaluations never
 * change with a problem (they come in by import), so the regular refetch is enough for them.
 */
const LIVE_QUERY_KEYS = [['issues'], ['grids'], ['performance'], ['screen']];
/** A scoring settings change regrades every unit: the grids' colours, grades, ranks and lists. */
const SETTINGS_QUERY_KEYS = [['grids'], ['performance']];
const MESSAGE_TYPES = ['issue', 'issues', 'counts', 'settings', 'clock'] as const satisfies readonly LiveMessage['type'][];

interface LiveState {
  status: LiveStatus;
  /** The server's time in the latest message (the heartbeat comes every few seconds); null before the first. */
  heardAt: number | null;
}

const LiveStateContext = createContext<LiveState>({ status: 'connecting', heardAt: null });

export const useLiveStatus = () => useContext(LiveStateContext).status;
/** When the live feed last spoke, in the server's time: while it is live, the page is current as of then. */
export const useLiveHeardAt = () => useContext(LiveStateContext).heardAt;

export function LiveFeedProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [heardAt, setHeardAt] = useState<number | null>(null);
  const { data: clientSettings, isPending } = useClientSettings();

  // Accounts without the live feed (administrator, auditor) have their pages refetched at the regular pace instead.
  const listens = usePermission('live');
  useEffect(() => {
    if (!listens) return undefined;
    const source = new EventSource(districtApiPath(`/events${deviceQuery()}`));
    let pending: number | null = null;
    const pendingKeys = new Set<string[]>();
    const refresh = (keys: string[][]) => {
      for (const key of keys) pendingKeys.add(key);
      pending ??= window.setTimeout(() => {
        pending = null;
        for (const queryKey of pendingKeys) void queryClient.invalidateQueries({ queryKey });
        pendingKeys.clear();
      }, REFRESH_DELAY_MS);
    };
    for (const type of MESSAGE_TYPES) {
      source.addEventListener(type, (event) => {
        const message = JSON.parse((event as MessageEvent<string>).data) as LiveMessage;
        learnServerTime(message.at);
        setHeardAt(Date.parse(message.at));
        // Each change carries the problem as it now is, but a change moves counts, rates and lists
        // across many queries; refetching those few keeps every figure equal to the API's.
        if (message.type === 'issue' || message.type === 'issues') refresh(LIVE_QUERY_KEYS);
        else if (message.type === 'settings') refresh(SETTINGS_QUERY_KEYS);
      });
    }
    // Too much was missed to send one by one: refresh everything.
    source.addEventListener('reload', () => void queryClient.invalidateQueries());
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
    return () => {
      source.close();
      if (pending !== null) window.clearTimeout(pending);
    };
  }, [queryClient, listens]);

  // At the server's midnight "today", the last 30 days and last week move on: fetch them anew,
  // whatever the refetch pace (the heartbeat brings the server's time every few seconds).
  const serverDay = heardAt === null ? null : chinaDay(heardAt);
  const dayShown = useRef(serverDay);
  useEffect(() => {
    if (serverDay === null) return;
    if (dayShown.current !== null && dayShown.current !== serverDay) {
      for (const queryKey of LIVE_QUERY_KEYS) void queryClient.invalidateQueries({ queryKey });
    }
    dayShown.current = serverDay;
  }, [serverDay, queryClient]);

  const pollEveryMs = (clientSettings?.pollWhileDownSeconds ?? DEFAULT_PACING.pollWhileDownSeconds) * 1000;
  useEffect(() => {
    if (status === 'live' || !listens) return;
    const timer = window.setInterval(() => {
      for (const queryKey of LIVE_QUERY_KEYS) void queryClient.invalidateQueries({ queryKey });
    }, pollEveryMs);
    return () => window.clearInterval(timer);
  }, [status, queryClient, pollEveryMs, listens]);
  // Pages start once the server has said how often they refetch (or could not: then at the defaults).
  const state = useMemo(() => ({ status, heardAt }), [status, heardAt]);
  return <LiveStateContext.Provider value={state}>{isPending ? null : children}</LiveStateContext.Provider>;
}
