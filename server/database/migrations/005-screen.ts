import type { Migration } from '../migrate.ts';

/** The big screen counts today's closings; without an index that reads every problem. */
export const screen: Migration = {
  version: 5,
  name: 'index of closing times for the big screen',
  up(database) {
    database.exec('CREATE INDEX issues_by_closed ON issues (closed_at) WHERE closed_at IS NOT NULL');
  },
};
