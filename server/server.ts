import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { existsSync } from 'node:fs';
import app, { fastifyOptions } from './app.ts';
import { importableBasemapDirectory, loadConfig, type Config } from './config.ts';
import { openStores } from './open-stores.ts';
import { rasterServiceHost } from './basemap/raster-tiles.ts';
import { ensureDistrictTiles } from './basemap/district-tiles.ts';
import { loggerOptions } from './logging.ts';
import { startupProblem } from './startup-problems.ts';
import { signInHints } from './sign-in-hints.ts';
import type { AddressInfo } from 'node:net';

/**
 * The process: configuration, database (SQLite, or PostgreSQL when CIVGRID_DATABASE_URL is set;
 * seeded with the demo district on first start), listen,
 * shut down. Whatever stops it starting is said in one line, and it exits with code 1.
 */

interface Running { server: FastifyInstance; unregister: () => Promise<void> }

async function start(config: Config, onSetupComplete: () => void): Promise<Running> {
  const server = Fastify({ ...fastifyOptions, logger: loggerOptions(config.logLevel) });
  const { districts, awaitingSetup, release: unregister } = await openStores(config, server.log);
  const dialect = districts[0]?.store.dialect ?? awaitingSetup!.dialect;
  if (dialect === 'postgres') server.log.info(`database: PostgreSQL${districts[0] ? ` at ${districts[0].store.location}` : ''}, ${districts.length} district(s): ${districts.map(({ district }) => district.code).join(', ')}`);

  // Installs from before the base map had tiles get them built from their layers.
  if (existsSync(config.basemapDirectory) && ensureDistrictTiles(config.basemapDirectory)) server.log.info('built the base-map tiles');
  if (config.rasterTiles) server.log.info(`base map: raster tiles passed through from ${rasterServiceHost(config.rasterTiles)}`);
  else if (!existsSync(config.basemapTiles)) server.log.warn(`no base-map tiles at ${config.basemapTiles}; the map will show grids only`);

  server.register(fastifyPlugin(app), {
    districts,
    clientDirectory: config.clientDirectory,
    basemapTiles: config.basemapTiles,
    photosDirectory: config.photosDirectory,
    dailyBulletinAt: config.dailyBulletinAt ?? undefined,
    // Layers imported into the directory the served tiles are built in; not when the base map is a raster service or an archive of the site's own.
    basemapLayers: importableBasemapDirectory(config),
    rasterTiles: config.rasterTiles,
    rasterLimits: { cacheDirectory: config.rasterCacheDirectory, cacheBytes: config.rasterCacheBytes },
    publicUrl: config.publicUrl,
    rateLimits: config.rateLimits,
    // A database server is backed up by its own tools (pg_dump, base backups); the nightly copy is SQLite's.
    backups: dialect === 'sqlite' ? { databasePath: config.databasePath, ...config.backup } : undefined,
    security: config.security,
    pacing: config.pacing,
    limits: config.limits,
    setup: awaitingSetup,
    onSetupComplete,
  });
  try {
    await server.listen({ port: config.port, host: config.host });
  } catch (error) {
    await unregister();
    throw error;
  }
  const { port } = server.server.address() as AddressInfo;
  const origin = config.publicUrl?.replace(/\/$/, '') ?? `http://localhost:${port}`;
  if (awaitingSetup) server.log.info(`no district yet: open ${origin}/?setup=${awaitingSetup.code} to name it and make its first administrator`);
  for (const line of await signInHints(districts, origin)) server.log.info(line);
  return { server, unregister };
}

/**
 * Serves until stopped. A new installation's setup names its district; the process then closes
 * its app and opens it again on the district, a second's pause the setup page waits out.
 */
async function serve(config: Config): Promise<{ stop: () => Promise<void> }> {
  let running: Running;
  let switching = Promise.resolve();
  const reopen = () => {
    switching = switching.then(async () => {
      running.server.log.info('the district is named: serving it');
      // On the port it had: with PORT=0 the first start chose one, and the setup page waits on it.
      const { port } = running.server.server.address() as AddressInfo;
      await running.server.close();
      await running.unregister();
      running = await start({ ...config, port }, reopen);
    });
  };
  running = await start(config, reopen);
  return {
    stop: async () => {
      await switching;
      running.server.log.info('closing');
      await running.server.close();
      await running.unregister();
    },
  };
}

let config: Config | undefined;
try {
  config = loadConfig(process.env);
  const { stop } = await serve(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop().then(() => {
        process.exit(0);
      }, (error) => {
        console.error(error);
        process.exit(1);
      });
    });
  }
} catch (error) {
  const where = { databasePath: config?.databasePath ?? 'the database', backupDirectory: config?.backup.directory ?? 'the backup folder', port: config?.port ?? 0 };
  console.error(`civgrid: cannot start: ${startupProblem(error, where)}`);
  process.exit(1);
}
