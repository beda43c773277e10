import fastifyPlugin from 'fastify-plugin';
import type { LiveMessage } from '../schemas/contract.ts';
import type { LiveEventRow } from '../repositories/issues.ts';

/**
 * The live feed of changes every open page listens to (GET /api/events). Each committed workflow
 * event is announced with the problem as it now is, then the district's open and overdue counts;
 * a change of the scoring settings is announced too, since it regrades every unit. Event ids are
 * the events' own ids, so a client that reconnects with Last-Event-ID is sent what it missed from
 * the database. Every message carries the server's time.
 */

export type LiveListener = (message: LiveMessage) => void;

export interface LiveFeed {
  /** Announces committed events (by id) to every listener. */
  announce(eventIds: readonly number[]): void;
  /** Announces that a scoring settings change is in force. */
  announceSettings(changeId: number): void;
  subscribe(listener: LiveListener): () => void;
  /** What was recorded after an event id, oldest first, up to a limit. */
  since(eventId: number, limit: number): LiveMessage[];
  countsNow(): LiveMessage;
  clockNow(): LiveMessage;
  listeners(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    liveFeed: LiveFeed;
  }
}

export default fastifyPlugin(async (fastify) => {
  const listeners = new Set<LiveListener>();
  const { issues } = fastify.repositories;
  const at = () => new Date(fastify.now()).toISOString();
  const issueMessage = (event: LiveEventRow): LiveMessage => ({ type: 'issue', id: event.id, event, issue: issues.summary(event.issueId, fastify.now())!, at: at() });
  const countsNow = (): LiveMessage => ({ type: 'counts', ...fastify.repositories.performance.districtOpenCounts(fastify.now()), at: at() });
  const send = (message: LiveMessage) => {
    for (const listener of listeners) {
      try {
        listener(message);
      } catch (error) {
        fastify.log.warn({ err: error }, 'a live-feed listener failed');
      }
    }
  };

  fastify.decorate('liveFeed', {
    announce(eventIds) {
      if (eventIds.length === 0 || listeners.size === 0) return;
      for (const id of eventIds) {
        const event = issues.event(id);
        if (event) send(issueMessage(event));
      }
      send(countsNow());
    },
    announceSettings(changeId) {
      send({ type: 'settings', changeId, at: at() });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    since: (eventId, limit) => issues.eventsAfter(eventId, limit).map(issueMessage),
    countsNow,
    clockNow: () => ({ type: 'clock', at: at() }),
    listeners: () => listeners.size,
  } satisfies LiveFeed);
}, { name: 'live-feed', dependencies: ['database'] });
