/** A test client for the live feed: reads Server-Sent Events from a running server. */

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: unknown;
}

export interface EventStreamClient {
  /** Resolves with the next event of a type, skipping others. */
  next(type: string, timeoutMs?: number): Promise<ServerSentEvent>;
  close(): void;
}

/** Opens the feed at `url` as a signed-in page would (its headers: the session cookie), resuming after `lastEventId` when given. */
export async function openEventStream(url: string, headers: Record<string, string>, lastEventId?: string): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { ...headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const queue: ServerSentEvent[] = [];
  let buffer = '';

  const parse = (block: string): ServerSentEvent | null => {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || !line.includes(':')) continue;
      const [name, ...rest] = line.split(':');
      fields[name!] = rest.join(':').replace(/^ /, '');
    }
    if (fields.data === undefined) return null;
    return { id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data) };
  };

  return {
    async next(type, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex((event) => event.event === type);
        if (index >= 0) return queue.splice(0, index + 1).at(-1)!;
        if (Date.now() > deadline) throw new Error(`no '${type}' event within ${timeoutMs} ms`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
        if (chunk === null) continue;
        if (chunk.done) throw new Error('the event stream ended');
        buffer += chunk.value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const event = parse(block);
          if (event) queue.push(event);
        }
      }
    },
    close: () => controller.abort(),
  };
}
