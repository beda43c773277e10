import { chromium, type Browser, type Page } from 'playwright-core';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DISTRICT_TILES_FILE } from '../../../server/basemap/district-tiles.ts';
import app, { fastifyOptions } from '../../../server/app.ts';
import { openDatabase } from '../../../server/database/open.ts';
import { afterAll, beforeAll } from 'vitest';
import { createSeededDatabase, TEST_NOW, type TestDatabase } from '../../support/test-database.ts';

/** The one place that talks to Playwright and starts the real server for the browser. */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT_DIRECTORY = resolve(import.meta.dirname, '../../../dist/client');
export const SCREENSHOT_DIRECTORY = resolve(import.meta.dirname, '../../../test-results');

export interface BrowserSession {
  page: Page;
  origin: string;
  /** Every request the page made to anywhere but our server. */
  outsideRequests: string[];
  pageErrors: string[];
  close: () => Promise<void>;
}

/** Serves the built client and the API from a seeded temporary database on a free port. */
export async function startServer(district: TestDatabase): Promise<{ server: FastifyInstance; origin: string }> {
  if (!existsSync(resolve(CLIENT_DIRECTORY, 'index.html'))) {
    throw new Error(`no built client in ${CLIENT_DIRECTORY}: run npm run build (npm test does it first)`);
  }
  const server = Fastify({ ...fastifyOptions, logger: false });
  await server.register(fastifyPlugin(app), {
    database: openDatabase(district.path),
    now: () => TEST_NOW,
    clientDirectory: CLIENT_DIRECTORY,
    basemapTiles: join(district.basemapDirectory, DISTRICT_TILES_FILE),
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/** A browser test file's world: the seeded district, the real server on a port, and Chromium, set up once. */
export interface BrowserWorld {
  server: FastifyInstance;
  origin: string;
  browser: Browser;
}

export function useBrowserWorld(issueCount = 3000): BrowserWorld {
  const world = {} as BrowserWorld;
  let district: TestDatabase | undefined;
  beforeAll(async () => {
    district = createSeededDatabase(issueCount);
    Object.assign(world, await startServer(district));
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.close();
    district?.remove();
  });
  return world;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // WebGL runs on SwiftShader; the rest stops Chromium's own calls home, which are not the page's.
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export async function openPage(browser: Browser, origin: string, viewport = { width: 1600, height: 900 }): Promise<BrowserSession> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  // The page's clock starts at the server's test time and runs on from there, so both agree on
  // what today, this week and the last 30 days are.
  await context.clock.install({ time: TEST_NOW });
  const page = await context.newPage();
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];
  // Abort rather than merely count, so the page behaves as it would on an intranet with no internet.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outsideRequests.push(url);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, origin, outsideRequests, pageErrors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  const path = resolve(SCREENSHOT_DIRECTORY, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
