import type { Migration } from '../migrate.ts';

/** The wall's live feed shows the newest events by when they happened, which ids do not follow (imports, back-dated records). */
export const eventTimes: Migration = {
  version: 6,
  name: 'index of event times for the live feed',
  up(database) {
    database.exec('CREATE INDEX issue_events_by_time ON issue_events (occurred_at, id)');
  },
};
