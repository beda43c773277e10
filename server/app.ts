import type { FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import type { DistrictStore } from './store/districts.ts';
import { createIssueWorkflow } from './services/issue-workflow.ts';
import clockPlugin from './plugins/clock.ts';
import databasePlugin from './plugins/database.ts';
import errorHandlerPlugin, { frameworkRefusal } from './plugins/error-handler.ts';
import openapiPlugin from './plugins/openapi.ts';
import liveFeedPlugin, { type LiveFeedLimits } from './plugins/live-feed.ts';
import clientPlugin from './plugins/client.ts';
import backupsPlugin, { type BackupSchedule } from './plugins/backups.ts';
import metricsPlugin from './plugins/metrics.ts';
import servingPlugin from './plugins/serving.ts';
import rateLimitsPlugin, { DEFAULT_RATE_LIMITS, type RateLimits } from './plugins/rate-limits.ts';
import healthRoutes from './routes/health.ts';
import clientSettingsRoutes from './routes/client-settings.ts';
import gridRoutes from './routes/grids.ts';
import issueRoutes from './routes/issues.ts';
import issueWorkflowRoutes from './routes/issue-workflow.ts';
import eventRoutes from './routes/events.ts';
import inspectionPointRoutes from './routes/inspection-points.ts';
import referenceRoutes from './routes/reference.ts';
import performanceRoutes from './routes/performance.ts';
import settingsRoutes from './routes/settings.ts';
import tileRoutes from './routes/tiles.ts';
import screenRoutes from './routes/screen.ts';
import exportRoutes from './routes/exports.ts';
import districtRoutes from './routes/districts.ts';
import servedDistrictsPlugin from './plugins/served-districts.ts';
import authenticationPlugin from './plugins/authentication.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import sessionRoutes from './routes/session.ts';
import ownWorkRoutes from './routes/own-work.ts';
import bulletinRoutes from './routes/bulletins.ts';
import { scheduleDailyBulletin } from './bulletins/bulletin-schedule.ts';
import accountRoutes from './routes/accounts.ts';
import auditRoutes from './routes/audit.ts';
import importRoutes from './routes/imports.ts';
import setupRoutes from './routes/setup.ts';
import type { AwaitingSetup } from './services/setup.ts';
import type { District } from './store/districts.ts';
import { DEFAULT_SECURITY, type SecurityOptions } from './security-options.ts';
import { DEFAULT_PACING, type Pacing } from './pacing.ts';
import { finiteValidatorFactory } from './finite-numbers.ts';
import { createPhotoFiles } from './photos/photo-files.ts';
import photoRoutes from './routes/photos.ts';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import type { RasterTileLimits } from './basemap/raster-tiles.ts';

export interface AppOptions {
  /**
   * The districts served, each with its database: the one in a SQLite file, or a city's in one
   * PostgreSQL database. The app closes their stores when it closes.
   */
  districts: readonly DistrictStore[];
  /** The server's clock; tests fix it. */
  now?: () => number;
  /** How often pages refetch and the live feed beats; omitted, the defaults. */
  pacing?: Partial<Pacing>;
  /** How much one request may ask for; omitted, the defaults. */
  limits?: Partial<Limits>;
  /** How much the live feed holds for a client; omitted, the defaults. */
  liveFeedLimits?: Partial<LiveFeedLimits>;
  /** Requests per address per minute; omitted, the defaults. */
  rateLimits?: Partial<RateLimits>;
  /** The nightly backup; omitted, none (tests, benchmarks). */
  backups?: BackupSchedule;
  /** The built client to serve; omitted, the app is API only. */
  clientDirectory?: string;
  /** The base map's vector tile archive (MBTiles or PMTiles) to serve under /tiles; omitted, none. */
  basemapTiles?: string;
  /** How often the archive's file is looked at for a new one; a second unless told (tests: at once). */
  basemapCheckMilliseconds?: number;
  /**
   * Where imported base-map layers are kept and their tiles built (the archive served must be the
   * one built there); omitted, base-map layers cannot be imported on this server.
   */
  basemapLayers?: string;
  /** Where photos are kept; omitted, a folder of the system's temporary directory (tests). */
  photosDirectory?: string;
  /** The China time (`HH:mm`) each district's 日通报 is issued by itself; omitted, none is (tests). */
  dailyBulletinAt?: string;
  /** A raster tile URL template ({z}, {x}, {y}) whose tiles /tiles/raster passes through, in place of the vector tiles. */
  rasterTiles?: string;
  /** How raster tiles are fetched; tests give a stand-in tile service. */
  fetchRaster?: typeof fetch;
  /** Limits and the on-disk cache of the raster pass-through. */
  rasterLimits?: Partial<RasterTileLimits>;
  /** The address browsers reach this server at, for absolute tile URLs; omitted, they are root-relative. */
  publicUrl?: string;
  /** Lockouts, session timeouts, cookies; omitted, the defaults. */
  security?: Partial<SecurityOptions>;
  /** A new installation with no district yet (CIVGRID_DEMO=off): the database it will hold its district in, and the code the server printed. */
  setup?: AwaitingSetup;
  /** Called once setup has named the district: the process then serves it. */
  onSetupComplete?: (district: District) => void;
}

/** Fastify settings the app relies on; the process and the tests both use them. */
export const fastifyOptions: FastifyServerOptions = {
  ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
  schemaController: { compilersFactory: { buildValidator: finiteValidatorFactory } },
  frameworkErrors: frameworkRefusal,
};

/**
 * CivGrid as one plugin: infrastructure (clock, authentication, headers, errors, metrics, OpenAPI)
 * first; then what is the installation's (health, client settings, the city's districts,
 * sessions, accounts, the audit log) under /api; then each
 * district's own API under /api/districts/<code>, in a context of its own holding the district's
 * store, live feed and workflow service, so that a route can only reach its own district's data;
 * then the client.
 */
const app: FastifyPluginAsync<AppOptions> = async (fastify, options) => {
  if (options.districts.length === 0 && !options.setup) throw new Error('CivGrid serves at least one district, or waits for its setup');
  if (options.setup) fastify.addHook('onClose', async () => options.setup!.close());
  const pacing = { ...DEFAULT_PACING, ...options.pacing };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  await fastify.register(clockPlugin, { now: options.now });
  await fastify.register(servedDistrictsPlugin);
  const security = { ...DEFAULT_SECURITY, ...options.security };
  await fastify.register(authenticationPlugin, security);
  await fastify.register(securityHeadersPlugin, { behindTlsProxy: security.behindTlsProxy });
  if (options.backups) await fastify.register(backupsPlugin, options.backups);
  await fastify.register(metricsPlugin);
  await fastify.register(errorHandlerPlugin);
  await fastify.register(servingPlugin);
  await fastify.register(rateLimitsPlugin, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  await fastify.register(openapiPlugin);
  await fastify.register(async (api) => {
    await api.register(healthRoutes, { limits });
    await api.register(clientSettingsRoutes, { pacing });
    await api.register(districtRoutes, { limits });
    await api.register(sessionRoutes);
    await api.register(ownWorkRoutes);
    await api.register(accountRoutes);
    await api.register(auditRoutes);
    await api.register(importRoutes, { basemapLayers: options.basemapLayers });
    await api.register(setupRoutes, { setup: options.setup, onSetupComplete: options.onSetupComplete, signInsPerMinute: security.signInsPerMinute });
  }, { prefix: '/api' });
  const photoFiles = createPhotoFiles(options.photosDirectory ?? join(tmpdir(), 'civgrid-photos'));
  for (const { district, store } of options.districts) {
    await fastify.register(async (api) => {
      await api.register(databasePlugin, { store });
      await api.register(liveFeedPlugin, { pacing, limits: options.liveFeedLimits });
      // Every committed change reaches the live feed through the store: with a database server, other processes' too.
      await store.onCommitted((change) => {
        if (change.kind === 'events') api.liveFeed.announce(change.eventIds);
        else api.liveFeed.announceSettings(change.changeId);
      });
      fastify.servedDistricts.push({ district, store, liveFeed: api.liveFeed });
      const workflow = createIssueWorkflow({ store, now: fastify.now });
      await api.register(gridRoutes, { limits });
      await api.register(issueRoutes);
      await api.register(issueWorkflowRoutes, { workflow });
      await api.register(eventRoutes, { pacing });
      await api.register(inspectionPointRoutes);
      await api.register(referenceRoutes);
      await api.register(performanceRoutes, { limits });
      await api.register(settingsRoutes);
      await api.register(screenRoutes);
      await api.register(exportRoutes);
      await api.register(photoRoutes, { photoFiles });
      await api.register(bulletinRoutes, { district, photoFiles });
      if (options.dailyBulletinAt) {
        const stop = scheduleDailyBulletin({ store, district, photoFiles, dailyAt: options.dailyBulletinAt, now: fastify.now, log: api.log });
        api.addHook('onClose', stop);
      }
    }, { prefix: `/api/districts/${district.code}` });
  }
  await fastify.register(tileRoutes, {
    archivePath: options.basemapTiles, archiveCheckMilliseconds: options.basemapCheckMilliseconds, rasterTemplate: options.rasterTiles, fetchRaster: options.fetchRaster, rasterLimits: options.rasterLimits, publicUrl: options.publicUrl,
  });
  if (options.clientDirectory) await fastify.register(clientPlugin, { clientDirectory: options.clientDirectory });
};
export default app;
