import { describe, expect, it } from 'vitest';
import { EVENT_IDS_PER_NOTICE, toNotices } from '../../server/postgres/store.ts';
import type { CommittedChange } from '../../server/store/committed-changes.ts';

describe('committed changes as PostgreSQL notices', () => {
  it('split a big unit\'s events over notices small enough to send, every id once and in order', () => {
    // Ids far apart, as a busy day's are: nothing assumes a unit's events are numbered one after another.
    const eventIds = Array.from({ length: 2 * EVENT_IDS_PER_NOTICE + 50 }, (_, index) => 9_000_000_000 + index * 7);
    const notices = toNotices({ kind: 'events', eventIds });
    expect(notices).toHaveLength(3);
    for (const notice of notices) expect(Buffer.byteLength(notice)).toBeLessThan(8000);
    const received = notices.map((notice) => JSON.parse(notice) as CommittedChange);
    expect(received.flatMap((change) => (change.kind === 'events' ? change.eventIds : []))).toEqual(eventIds);
  });

  it('send a settings change as it is', () => {
    expect(toNotices({ kind: 'settings', changeId: 12 }).map((notice) => JSON.parse(notice))).toEqual([{ kind: 'settings', changeId: 12 }]);
  });
});
