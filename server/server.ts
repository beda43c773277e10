import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { existsSync } from 'node:fs';
import app, { fastifyOptions } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './database/open.ts';
import { createSqliteStore } from './sqlite/store.ts';
import { registerServer } from './database/server-registry.ts';
import { rasterServiceHost } from './basemap/raster-tiles.ts';
import { ensureDistrictTiles } from './basemap/district-tiles.ts';
import { DEFAULT_ISSUE_COUNT, DEFAULT_SEED, isSeeded, seedDatabase } from './seed/seed-database.ts';
import { loggerOptions } from './logging.ts';
import { startupProblem } from './startup-problems.ts';

/**
 * The process: configuration, database (seeded with the demo district on first start), listen,
 * shut down. Whatever stops it starting is said in one line, and it exits with code 1.
 */

async function start(config: Config): Promise<{ server: FastifyInstance; unregister: () => void }> {
  const server = Fastify({ ...fastifyOptions, logger: loggerOptions(config.logLevel) });
  const database = openDatabase(config.databasePath, { synchronous: config.synchronous });
  const unregister = registerServer(config.databasePath);
  if (!isSeeded(database) || !existsSync(config.basemapDirectory)) {
    if (isSeeded(database)) {
      server.log.warn(`the base-map layers are missing from ${config.basemapDirectory}; the map will show grids only`);
    } else {
      server.log.info(`first start: building the demo district in ${config.databasePath}`);
      const summary = seedDatabase(database, { seed: DEFAULT_SEED, now: Date.now(), issueCount: DEFAULT_ISSUE_COUNT, basemapDirectory: config.basemapDirectory });
      server.log.info(summary, 'demo district ready');
    }
  }

  // Installs from before the base map had tiles get them built from their layers.
  if (existsSync(config.basemapDirectory) && ensureDistrictTiles(config.basemapDirectory)) server.log.info('built the base-map tiles');
  if (config.rasterTiles) server.log.info(`base map: raster tiles passed through from ${rasterServiceHost(config.rasterTiles)}`);
  else if (!existsSync(config.basemapTiles)) server.log.warn(`no base-map tiles at ${config.basemapTiles}; the map will show grids only`);

  server.register(fastifyPlugin(app), {
    store: createSqliteStore(database),
    clientDirectory: config.clientDirectory,
    basemapTiles: existsSync(config.basemapTiles) ? config.basemapTiles : undefined,
    rasterTiles: config.rasterTiles,
    rasterLimits: { cacheDirectory: config.rasterCacheDirectory, cacheBytes: config.rasterCacheBytes },
    publicUrl: config.publicUrl,
    rateLimits: config.rateLimits,
    backups: { databasePath: config.databasePath, ...config.backup },
    screenToken: config.screenToken,
    pacing: config.pacing,
    limits: config.limits,
  });
  try {
    await server.listen({ port: config.port, host: config.host });
  } catch (error) {
    unregister();
    throw error;
  }
  return { server, unregister };
}

let config: Config | undefined;
try {
  config = loadConfig(process.env);
  const { server, unregister } = await start(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.log.info(`${signal} received, closing`);
      server.close().then(() => {
        unregister();
        process.exit(0);
      }, (error) => {
        server.log.error(error);
        process.exit(1);
      });
    });
  }
} catch (error) {
  const where = { databasePath: config?.databasePath ?? 'the database', backupDirectory: config?.backup.directory ?? 'the backup folder', port: config?.port ?? 0 };
  console.error(`civgrid: cannot start: ${startupProblem(error, where)}`);
  process.exit(1);
}
