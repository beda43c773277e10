import postgres, { type ISql, type Sql } from 'postgres';

/** A pool, or a transaction taken from it: what a repository queries through. */
export type Queryable = ISql;

export interface PostgresOptions {
  /** Connections the pool may open. */
  max?: number;
  /** Called with every query sent and its parameters (the query-plan tests read them). */
  debug?: (connection: number, query: string, parameters: unknown[]) => void;
  /** The schema of the district the pool serves: its tables are found there first, PostGIS's in public. */
  schema?: string;
  /** Seconds a connection may sit unused before it is closed; omitted, never. */
  idleSeconds?: number;
}

/**
 * A pooled connection to a CivGrid database on a PostgreSQL server. Ids and epoch-millisecond
 * instants are bigints that a JavaScript number holds exactly (below 2^53), and days are read as
 * the `YYYY-MM-DD` text the code speaks, not as Dates in the server's time zone.
 */
export function connectPostgres(url: string, { max = 10, debug, schema, idleSeconds }: PostgresOptions = {}): Sql {
  return postgres(url, {
    max,
    ...(debug ? { debug } : {}),
    ...(idleSeconds ? { idle_timeout: idleSeconds } : {}),
    onnotice: () => {},
    // Each query planned for its own values: a generic plan cannot tell a dense box of the map,
    // or a year's window, from a narrow one, and picked plans a hundred times slower for them.
    connection: { application_name: 'civgrid', plan_cache_mode: 'force_custom_plan', ...(schema ? { search_path: `${schema}, public` } : {}) },
    types: {
      bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
      numeric: { to: 1700, from: [1700], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
      date: { to: 1082, from: [1082], serialize: (value: string) => value, parse: (value: string) => value },
    },
  });
}

/** The address without its password, for logs and metrics. */
export function describePostgres(url: string): string {
  const address = new URL(url);
  address.password = '';
  return address.toString();
}
