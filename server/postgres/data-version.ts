import type { DataVersionRepository } from '../store/repositories.ts';
import type { Queryable } from './connect.ts';
import { awaitingRectification } from './state-sql.ts';

/** The stamp is the data_version row every committed unit of work bumps, in whichever process it ran. */
export function createDataVersionRepository(sql: Queryable): DataVersionRepository {
  return {
    async stamp() {
      const [row] = await sql<{ version: number }[]>`SELECT version FROM data_version`;
      return String(row!.version);
    },
    async overdueUnchangedUntil(now) {
      const [row] = await sql<{ next: number | null }[]>`SELECT min(deadline_at) AS next FROM issues
        WHERE state IN ${awaitingRectification(sql)} AND deadline_at >= ${now}`;
      return row!.next ?? Number.POSITIVE_INFINITY;
    },
  };
}
