import fastifyPlugin from 'fastify-plugin';
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { IssueSummary, LiveMessage } from '../schemas/contract.ts';
import type { LiveEventRow } from '../store/repositories.ts';
import type { Pacing } from '../pacing.ts';

/**
 * A district's live feed of changes, which every open page of it listens to
 * (GET /api/districts/<code>/events). Each committed workflow event is announced with the
 * problem as it now is, then the district's open and overdue counts; many events committed together go as one `issues` message naming them. A change of the scoring
 * settings is announced too, since it regrades every unit, and a heartbeat tells the server's
 * time. Event ids are the events' own ids, so a client that reconnects with Last-Event-ID is sent
 * what it missed from the database.
 *
 * No client can hold the server up: announcements are sent after the write has answered, each
 * message is built once for every client, a client whose unread messages pass a bound is
 * disconnected (it reconnects and resumes, or is told to reload), and a resume is read and sent
 * a page at a time, yielding between pages.
 */

export interface LiveFeedLimits {
  /** Unread bytes a client may have waiting before it is disconnected. */
  clientBufferBytes: number;
  /** Missed events sent on a resume; past that the client is told to reload. */
  resumeEvents: number;
  /** Events read from the database per page of a resume. */
  resumePage: number;
  /** Events committed together above which they go as one `issues` message. */
  batchAbove: number;
}

export const DEFAULT_LIVE_FEED_LIMITS: LiveFeedLimits = { clientBufferBytes: 512 * 1024, resumeEvents: 5000, resumePage: 200, batchAbove: 20 };

export interface LiveFeed {
  /** Queues committed events (by id) to be announced to every client once the current work is done. */
  announce(eventIds: readonly number[]): void;
  /** Queues the news that a scoring settings change is in force. */
  announceSettings(changeId: number): void;
  /**
   * Streams the feed to a client from now on, first sending what it missed after `resumeFrom`;
   * a client that sees only some problems (a department's) is given `sees`, and hears only of those.
   */
  connect(stream: ServerResponse, resumeFrom: number | undefined, sees?: ProblemVisibility): Promise<void>;
  clients(): number;
  /** Events queued and not yet sent. */
  queued(): number;
  /** The most unread bytes any one client has waiting now. */
  mostBufferedBytes(): number;
}

/** Whether a client hears of an event: the problem is its own now, or was before the event. */
export type ProblemVisibility = (issue: IssueSummary, event: LiveEventRow) => boolean;

declare module 'fastify' {
  interface FastifyInstance {
    liveFeed: LiveFeed;
  }
}

/** A message as an SSE event named by its type; one about problems also carries the event id to resume from. */
export function formatLiveMessage(message: LiveMessage): string {
  const id = message.type === 'issue' || message.type === 'issues' ? `id: ${message.id}\n` : '';
  return `${id}event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`;
}

const RELOAD = 'event: reload\ndata: {}\n\n';

interface Client {
  stream: ServerResponse;
  /** Messages that came while its resume was being sent, with the event id of those about problems. */
  held: Array<{ eventId: number | null; text: string }> | null;
  /** The last event it was sent: events are announced just after they commit, and a resume may already have sent them. */
  lastEventId: number;
  /** For a client that sees only some problems; absent, it sees all. */
  sees?: ProblemVisibility;
}

/** A message about one problem's event, or about many at once, with the form a narrowed client is sent. */
type About = { issue: IssueSummary; event: LiveEventRow } | { batch: string };

export interface LiveFeedOptions {
  pacing: Pacing;
  limits?: Partial<LiveFeedLimits>;
}

export default fastifyPlugin<LiveFeedOptions>(async (fastify, options) => {
  const limits = { ...DEFAULT_LIVE_FEED_LIMITS, ...options.limits };
  const clients = new Set<Client>();
  const { issues } = fastify.repositories;
  const at = () => new Date(fastify.now()).toISOString();
  const issueMessage = async (event: LiveEventRow): Promise<LiveMessage> =>
    ({ type: 'issue', id: event.id, event, issue: (await issues.summary(event.issueId, fastify.now()))!, at: at() });
  const countsMessage = async (): Promise<LiveMessage> =>
    ({ type: 'counts', ...await fastify.repositories.performance.districtOpenCounts(fastify.now()), at: at() });

  const drop = (client: Client) => {
    clients.delete(client);
    client.stream.destroy();
  };
  /** Writes to a client unless too much is already waiting unread, in which case it is let go. */
  const write = (client: Client, text: string) => {
    if (client.stream.writableLength > limits.clientBufferBytes) {
      fastify.log.warn('a live-feed client fell behind and was disconnected');
      drop(client);
      return;
    }
    client.stream.write(text);
  };
  /** Sends to a client what it has not had: a message about problems only if its events are newer. */
  const deliver = (client: Client, text: string, eventId: number | null) => {
    if (eventId === null) return write(client, text);
    if (eventId <= client.lastEventId) return;
    client.lastEventId = eventId;
    write(client, text);
  };
  /** The message a client is sent: a narrowed one hears of its own problems only, and of a batch without the ids. */
  const shownTo = (client: Client, text: string, about?: About): string | null => {
    if (!client.sees || !about) return text;
    if ('batch' in about) return about.batch;
    return client.sees(about.issue, about.event) ? text : null;
  };
  const send = (text: string, eventId: number | null = null, about?: About) => {
    for (const client of clients) {
      const shown = shownTo(client, text, about);
      if (shown === null) continue;
      if (!client.held) deliver(client, shown, eventId);
      else if (client.held.length < limits.resumeEvents) client.held.push({ eventId, text: shown });
      else drop(client);
    }
  };

  let queue: number[] = [];
  let flushing = false;
  /** Sends what is queued; one flush at a time, so messages go out in the order their events committed. */
  const flush = async () => {
    const eventIds = queue;
    queue = [];
    if (clients.size === 0 || eventIds.length === 0) return;
    if (eventIds.length > limits.batchAbove) {
      const lastId = Math.max(...eventIds);
      send(formatLiveMessage({ type: 'issues', id: lastId, eventIds, issueIds: await issues.issuesOfEvents(eventIds), at: at() }), lastId,
        { batch: formatLiveMessage({ type: 'issues', id: lastId, eventIds: [], issueIds: [], at: at() }) });
    } else {
      for (const id of eventIds) {
        const event = await issues.event(id);
        if (!event) continue;
        const message = await issueMessage(event);
        if (message.type === 'issue') send(formatLiveMessage(message), id, { issue: message.issue, event });
      }
    }
    send(formatLiveMessage(await countsMessage()));
  };
  const flushQueue = async () => {
    while (queue.length > 0) {
      try {
        await flush();
      } catch (error) {
        fastify.log.error({ err: error }, 'live feed could not announce committed events');
      }
    }
    flushing = false;
  };

  // The heartbeat keeps proxies from closing an idle stream and tells pages the server's time.
  const heartbeat = setInterval(() => {
    if (clients.size > 0) send(formatLiveMessage({ type: 'clock', at: at() }));
  }, options.pacing.heartbeatSeconds * 1000);
  heartbeat.unref();
  // Open streams would hold the server open for ever; end them when it closes.
  fastify.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const client of clients) client.stream.end();
    clients.clear();
  });

  fastify.decorate('liveFeed', {
    announce(eventIds) {
      queue.push(...eventIds);
      if (!flushing && eventIds.length > 0) {
        flushing = true;
        setImmediate(() => void flushQueue());
      }
    },
    announceSettings(changeId) {
      send(formatLiveMessage({ type: 'settings', changeId, at: at() }));
    },
    async connect(stream, resumeFrom, sees) {
      const client: Client = { stream, held: resumeFrom === undefined ? null : [], lastEventId: resumeFrom ?? 0, sees };
      clients.add(client);
      stream.on('close', () => clients.delete(client));
      if (client.held) {
        // Listening already, holding live messages back, so none falls between the resume and them.
        for (let sent = 0; clients.has(client);) {
          const page = await issues.eventsAfter(client.lastEventId, limits.resumePage);
          if (sent + page.length > limits.resumeEvents) {
            write(client, RELOAD);
            break;
          }
          for (const event of page) {
            const message = await issueMessage(event);
            if (message.type === 'issue' && (!sees || sees(message.issue, event))) deliver(client, formatLiveMessage(message), event.id);
          }
          sent += page.length;
          if (page.length < limits.resumePage) break;
          if (stream.writableLength > limits.clientBufferBytes / 2) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
          else await new Promise(setImmediate);
        }
        if (!clients.has(client)) return;
        for (const held of client.held) deliver(client, held.text, held.eventId);
        client.held = null;
      }
      const counts = formatLiveMessage(await countsMessage());
      if (clients.has(client)) write(client, counts);
    },
    clients: () => clients.size,
    queued: () => queue.length,
    mostBufferedBytes: () => Math.max(0, ...[...clients].map((client) => client.stream.writableLength)),
  } satisfies LiveFeed);
}, { name: 'live-feed', dependencies: ['database', 'clock'] });
