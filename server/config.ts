import { join, resolve } from 'node:path';
import { DISTRICT_TILES_FILE } from './basemap/district-tiles.ts';
import { rasterTemplateProblem } from './basemap/raster-tiles.ts';
import { DEFAULT_PACING, type Pacing } from './pacing.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './plugins/rate-limits.ts';
import { DEFAULT_SECURITY, type SecurityOptions } from './security-options.ts';

/** Process configuration, from the environment. */
export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** CIVGRID_DATABASE_URL: a PostgreSQL server (postgres://…) to use in place of the SQLite file; CIVGRID_DATABASE_POOL connections. */
  databaseUrl: string | undefined;
  databasePool: number;
  basemapDirectory: string;
  /** The base-map tiles: CIVGRID_BASEMAP, or the demo district's MBTiles built beside its layers. */
  basemapTiles: string;
  /** CIVGRID_RASTER_TILES: a site's raster tile URL template, used instead of the vector base map. */
  rasterTiles: string | undefined;
  /**
   * CIVGRID_LOCKOUT_ATTEMPTS, CIVGRID_LOCKOUT_MINUTES, CIVGRID_SESSION_IDLE_MINUTES, CIVGRID_SESSION_HOURS,
   * CIVGRID_RATE_LIMIT_SIGN_INS, CIVGRID_BEHIND_TLS_PROXY (on/off), CIVGRID_METRICS_TOKEN.
   */
  security: SecurityOptions;
  clientDirectory: string;
  logLevel: string;
  /** CIVGRID_REFRESH_SECONDS, CIVGRID_POLL_WHILE_DOWN_SECONDS, CIVGRID_LIVE_HEARTBEAT_SECONDS, CIVGRID_LIVE_RECONNECT_SECONDS. */
  pacing: Pacing;
  /** CIVGRID_MAXIMUM_WINDOW_DAYS, CIVGRID_MINIMUM_FREE_MB. */
  limits: Pick<Limits, 'maximumWindowDays' | 'minimumFreeDiskBytes'>;
  /** CIVGRID_RASTER_CACHE: where raster tiles passed through are kept (CIVGRID_RASTER_CACHE_MB at most). */
  rasterCacheDirectory: string;
  rasterCacheBytes: number;
  /** CIVGRID_PUBLIC_URL: the address browsers reach this server at, for absolute tile URLs. */
  publicUrl: string | undefined;
  /** CIVGRID_RATE_LIMIT_WRITES, CIVGRID_RATE_LIMIT_READS: requests per address per minute. */
  rateLimits: RateLimits;
  /** CIVGRID_BACKUP_DIR, CIVGRID_BACKUP_TIME (`HH:mm` China time, or `off`), CIVGRID_BACKUP_KEEP_DAYS. */
  backup: { directory: string; dailyAt: string | null; keepDays: number };
  /** CIVGRID_SYNCHRONOUS: `full` for sites that fear power loss (every commit reaches the disk), else `normal`. */
  synchronous: 'normal' | 'full';
  /** CIVGRID_PHOTOS: where photos are kept, by the SHA-256 of their bytes; never deleted. */
  photosDirectory: string;
  /** CIVGRID_DAILY_BULLETIN_TIME: when each day's 日通报 is issued by itself (`HH:mm` China time, default 18:00), or `off` (null). */
  dailyBulletinAt: string | null;
  /** CIVGRID_DEMO (on/off): whether an empty database is given the demo district, or waits for its administrator to name its own. */
  demo: boolean;
}

const projectRoot = resolve(import.meta.dirname, '..');

export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const port = Number(environment.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${environment.PORT}`);
  const basemapDirectory = resolve(environment.CIVGRID_BASEMAP_LAYERS ?? resolve(projectRoot, 'data/basemap'));
  return {
    port,
    host: environment.HOST ?? '0.0.0.0',
    databasePath: resolve(environment.CIVGRID_DB ?? resolve(projectRoot, 'data/civgrid.db')),
    photosDirectory: resolve(environment.CIVGRID_PHOTOS ?? resolve(projectRoot, 'data/photos')),
    dailyBulletinAt: dailyTime(environment, 'CIVGRID_DAILY_BULLETIN_TIME', '18:00'),
    databaseUrl: databaseUrl(environment.CIVGRID_DATABASE_URL),
    databasePool: wholeNumber(environment, 'CIVGRID_DATABASE_POOL', 10, 1, 1000),
    basemapDirectory,
    basemapTiles: resolve(environment.CIVGRID_BASEMAP ?? join(basemapDirectory, DISTRICT_TILES_FILE)),
    rasterTiles: rasterTiles(environment.CIVGRID_RASTER_TILES),
    security: {
      lockoutAttempts: wholeNumber(environment, 'CIVGRID_LOCKOUT_ATTEMPTS', DEFAULT_SECURITY.lockoutAttempts, 1, 100),
      lockoutMinutes: wholeNumber(environment, 'CIVGRID_LOCKOUT_MINUTES', DEFAULT_SECURITY.lockoutMinutes, 1, 1440),
      sessionIdleMinutes: wholeNumber(environment, 'CIVGRID_SESSION_IDLE_MINUTES', DEFAULT_SECURITY.sessionIdleMinutes, 1, 1440),
      sessionHours: wholeNumber(environment, 'CIVGRID_SESSION_HOURS', DEFAULT_SECURITY.sessionHours, 1, 168),
      signInsPerMinute: wholeNumber(environment, 'CIVGRID_RATE_LIMIT_SIGN_INS', DEFAULT_SECURITY.signInsPerMinute, 1, 1_000_000),
      behindTlsProxy: onOff(environment, 'CIVGRID_BEHIND_TLS_PROXY'),
      metricsToken: metricsToken(environment.CIVGRID_METRICS_TOKEN),
    },
    clientDirectory: resolve(projectRoot, 'dist/client'),
    logLevel: environment.LOG_LEVEL ?? 'info',
    pacing: {
      refreshSeconds: seconds(environment, 'CIVGRID_REFRESH_SECONDS', DEFAULT_PACING.refreshSeconds, 0),
      pollWhileDownSeconds: seconds(environment, 'CIVGRID_POLL_WHILE_DOWN_SECONDS', DEFAULT_PACING.pollWhileDownSeconds, 1),
      heartbeatSeconds: seconds(environment, 'CIVGRID_LIVE_HEARTBEAT_SECONDS', DEFAULT_PACING.heartbeatSeconds, 1),
      reconnectSeconds: seconds(environment, 'CIVGRID_LIVE_RECONNECT_SECONDS', DEFAULT_PACING.reconnectSeconds, 1),
    },
    limits: {
      maximumWindowDays: wholeNumber(environment, 'CIVGRID_MAXIMUM_WINDOW_DAYS', DEFAULT_LIMITS.maximumWindowDays, 1, 3660),
      minimumFreeDiskBytes: wholeNumber(environment, 'CIVGRID_MINIMUM_FREE_MB', DEFAULT_LIMITS.minimumFreeDiskBytes / 1048576, 0, 1_000_000) * 1048576,
    },
    rasterCacheDirectory: resolve(environment.CIVGRID_RASTER_CACHE ?? resolve(projectRoot, 'data/raster-cache')),
    rasterCacheBytes: wholeNumber(environment, 'CIVGRID_RASTER_CACHE_MB', 512, 0, 1_000_000) * 1024 * 1024,
    publicUrl: publicUrl(environment.CIVGRID_PUBLIC_URL),
    backup: {
      directory: resolve(environment.CIVGRID_BACKUP_DIR ?? resolve(projectRoot, 'data/backups')),
      dailyAt: dailyTime(environment, 'CIVGRID_BACKUP_TIME', '02:00'),
      keepDays: wholeNumber(environment, 'CIVGRID_BACKUP_KEEP_DAYS', 14, 1, 3660),
    },
    synchronous: synchronous(environment.CIVGRID_SYNCHRONOUS),
    demo: environment.CIVGRID_DEMO === undefined || environment.CIVGRID_DEMO === '' || onOff(environment, 'CIVGRID_DEMO'),
    rateLimits: {
      writesPerMinute: wholeNumber(environment, 'CIVGRID_RATE_LIMIT_WRITES', DEFAULT_RATE_LIMITS.writesPerMinute, 1, 1_000_000),
      expensiveReadsPerMinute: wholeNumber(environment, 'CIVGRID_RATE_LIMIT_READS', DEFAULT_RATE_LIMITS.expensiveReadsPerMinute, 1, 1_000_000),
    },
  };
}

/** A whole number from the environment, from `minimum` to `maximum`. */
function wholeNumber(environment: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number, maximum: number): number {
  const text = environment[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum || value > maximum) throw new Error(`${name} must be a whole number from ${minimum} to ${maximum}, not ${text}`);
  return value;
}

/** A whole number of seconds from the environment, at least `minimum` and at most a day. */
const seconds = (environment: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number) => wholeNumber(environment, name, fallback, minimum, 86_400);

function onOff(environment: NodeJS.ProcessEnv, name: string): boolean {
  const value = environment[name];
  if (value === undefined || value === '' || value === 'off') return false;
  if (value === 'on') return true;
  throw new Error(`${name} must be on or off, not ${value}`);
}

function metricsToken(token: string | undefined): string | undefined {
  if (!token) return undefined;
  if (token.length < 24) throw new Error('CIVGRID_METRICS_TOKEN must be at least 24 characters: it is all that guards /metrics');
  return token;
}

/** A daily China time from the environment (`HH:mm`), its default when unset, or null when `off`. */
function dailyTime(environment: NodeJS.ProcessEnv, name: string, fallback: string): string | null {
  const time = environment[name];
  if (time === 'off') return null;
  if (time === undefined || time === '') return fallback;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new Error(`${name} must be a time such as ${fallback}, or off, not ${time}`);
  return time;
}

function synchronous(value: string | undefined): 'normal' | 'full' {
  if (value === undefined || value === '' || value === 'normal') return 'normal';
  if (value === 'full') return 'full';
  throw new Error(`CIVGRID_SYNCHRONOUS must be normal or full, not ${value}`);
}

function databaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(url)) throw new Error('CIVGRID_DATABASE_URL must be a PostgreSQL address such as postgres://civgrid@db.example:5432/civgrid');
  return url;
}

function publicUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (!/^https?:\/\/[^/]+\/?$/.test(url)) throw new Error(`CIVGRID_PUBLIC_URL must be an http(s) origin such as http://civgrid.example:8080, not ${url}`);
  return url;
}

function rasterTiles(template: string | undefined): string | undefined {
  if (!template) return undefined;
  const problem = rasterTemplateProblem(template);
  if (problem) throw new Error(`CIVGRID_RASTER_TILES: ${problem}`);
  return template;
}

/**
 * Where imported base-map layers go and their tiles are built: the layers' directory, when the
 * archive served is the one built there. Not when the base map is a raster service or an archive
 * of the site's own, which an import would not change.
 */
export const importableBasemapDirectory = (config: Config): string | undefined =>
  !config.rasterTiles && config.basemapTiles === join(config.basemapDirectory, DISTRICT_TILES_FILE) ? config.basemapDirectory : undefined;
