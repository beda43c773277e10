import type { Sql } from 'postgres';
import { isDistrictCode, type District, type DistrictStore } from '../store/districts.ts';
import { connectPostgres, type PostgresOptions, type Queryable } from './connect.ts';
import { migratePostgres } from './migrate.ts';
import { createPostgresStore } from './store.ts';

/**
 * A city's districts in one PostgreSQL database: each district's tables in a schema of its own
 * (`district_<code>`), listed in a catalog in the public schema. A district's queries find its
 * tables through the search path of the pool that serves it, so the SQL is the same as for one
 * district, each district keeps the indexes and plans tuned for it, and no query of one district
 * can read another's rows.
 */

/** Held while the catalog is made, so that two processes starting at once make it once. */
const CATALOG_LOCK = 2026_17_04;

export const schemaOf = (code: string): string => `district_${code}`;

/** The channel a district's committed changes are announced on. */
export const channelOf = (code: string): string => `civgrid_changes_${code}`;

export class UnsupportedLayoutError extends Error {
  constructor() {
    super('the PostgreSQL database holds CivGrid tables in its public schema, the layout of a development build before districts; move the installation again from its SQLite file into an empty database');
    this.name = 'UnsupportedLayoutError';
  }
}

/** Makes PostGIS and the catalog of districts, if they are not there yet. */
export async function prepareCatalog(catalog: Sql): Promise<void> {
  await catalog.begin(async (transaction) => {
    await transaction`SELECT pg_advisory_xact_lock(${CATALOG_LOCK})`;
    const [{ layout }] = await transaction<[{ layout: boolean }]>`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS layout`;
    if (layout) throw new UnsupportedLayoutError();
    await transaction`CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public`;
    await transaction`CREATE TABLE IF NOT EXISTS public.civgrid_districts (
      code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,30}$'),
      name text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now())`;
  });
}

export async function listDistricts(catalog: Queryable): Promise<District[]> {
  return catalog<District[]>`SELECT code, name FROM public.civgrid_districts ORDER BY added_at, code`;
}

/** Makes a district's schema, empty, if it is not there yet; it is listed once its data is in (`registerDistrict`). */
export async function createDistrictSchema(catalog: Sql, code: string): Promise<void> {
  if (!isDistrictCode(code)) throw new Error(`"${code}" cannot be a district code: lower-case letters, digits and underscores only`);
  await catalog`CREATE SCHEMA IF NOT EXISTS ${catalog(schemaOf(code))}`;
}

export async function registerDistrict(catalog: Sql, district: District): Promise<void> {
  await catalog`INSERT INTO public.civgrid_districts (code, name) VALUES (${district.code}, ${district.name})
    ON CONFLICT (code) DO UPDATE SET name = excluded.name`;
}

/** A pool on one district's schema; unused connections close, since a city has many districts. */
export function connectDistrict(url: string, code: string, options: Omit<PostgresOptions, 'schema'> = {}): Sql {
  return connectPostgres(url, { idleSeconds: 60, ...options, schema: schemaOf(code) });
}

/**
 * Every listed district's store, each migrated to the current schema. Their live feeds listen
 * through `catalog`, one connection for them all.
 */
export async function openDistrictStores(
  url: string,
  catalog: Sql,
  { synchronous, ...options }: Omit<PostgresOptions, 'schema'> & { synchronous?: 'normal' | 'full' } = {},
): Promise<DistrictStore[]> {
  const stores: DistrictStore[] = [];
  for (const district of await listDistricts(catalog)) {
    const sql = connectDistrict(url, district.code, options);
    try {
      await migratePostgres(sql);
    } catch (error) {
      await sql.end({ timeout: 1 });
      await Promise.all(stores.map(({ store }) => store.close()));
      throw error;
    }
    stores.push({ district, store: createPostgresStore(sql, url, { channel: channelOf(district.code), listeningPool: catalog, synchronous }) });
  }
  return stores;
}
