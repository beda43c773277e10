import { chromium, type Browser, type Page } from 'playwright-core';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DISTRICT_TILES_FILE } from '../../../server/basemap/district-tiles.ts';
import app, { fastifyOptions } from '../../../server/app.ts';
import { openDatabase } from '../../../server/database/open.ts';
import { DEMO_DISTRICT, districtStoreOf, type District } from '../../../server/store/districts.ts';
import { DEMO_PASSWORD, demoUsername } from '../../../server/seed/demo-accounts.ts';
import type { Role } from '../../../server/domain/roles.ts';
import type { SecurityOptions } from '../../../server/security-options.ts';
import { createSqliteStore } from '../../../server/sqlite/store.ts';
import { afterAll, beforeAll } from 'vitest';
import { createSeededDatabase, TEST_NOW, type TestDatabase } from '../../support/test-database.ts';
import { createTestClock, type TestClock } from '../../support/test-clock.ts';
import { injectSignedIn, signIn } from '../../support/test-app.ts';
import type { Pacing } from '../../../server/pacing.ts';
import { UNLIMITED } from '../../../server/plugins/rate-limits.ts';

/** The one place that talks to Playwright and starts the real server for the browser. */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT_DIRECTORY = resolve(import.meta.dirname, '../../../dist/client');
export const SCREENSHOT_DIRECTORY = resolve(import.meta.dirname, '../../../test-results');

export interface BrowserSession {
  page: Page;
  origin: string;
  /** Every request the page made to anywhere but our server. */
  outsideRequests: string[];
  /** The path of every script the page fetched from our server, in order. */
  scripts: string[];
  pageErrors: string[];
  close: () => Promise<void>;
}

/**
 * The pages' pace in browser tests: no background refetch, so what changes on a page changed
 * through the live feed (or the polling that stands in for it, which tests bring on by moving
 * the page's clock rather than waiting).
 */
export const TEST_PACING: Partial<Pacing> = { refreshSeconds: 0 };

/**
 * Serves the built client and the API from a seeded temporary database on a free port, on the
 * test's clock; benchmarks give the product's own pace.
 */
export async function startServer(
  district: TestDatabase,
  { clock = createTestClock(), pacing = TEST_PACING, otherDistricts = [], security = {} }: {
    clock?: TestClock; pacing?: Partial<Pacing>; otherDistricts?: TestDatabase[]; security?: Partial<SecurityOptions>;
  } = {},
): Promise<{ server: FastifyInstance; origin: string }> {
  if (!existsSync(resolve(CLIENT_DIRECTORY, 'index.html'))) {
    throw new Error(`no built client in ${CLIENT_DIRECTORY}: run npm run build (npm test does it first)`);
  }
  const server = Fastify({ ...fastifyOptions, logger: false });
  await server.register(fastifyPlugin(app), {
    districts: await Promise.all([district, ...otherDistricts].map((each) => districtStoreOf(createSqliteStore(openDatabase(each.path))))),
    now: clock.now,
    pacing,
    // One address plays a whole office here.
    rateLimits: UNLIMITED,
    clientDirectory: CLIENT_DIRECTORY,
    basemapTiles: join(district.basemapDirectory, DISTRICT_TILES_FILE),
    // The world's own copy of the demo's layers, which an import may replace; a new archive is served at once.
    basemapLayers: district.basemapDirectory,
    basemapCheckMilliseconds: 0,
    // The tests move the server's clock on by days; a session lasts a year here.
    security: { sessionIdleMinutes: 525_600, sessionHours: 8_760, ...security },
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
  /** The server's clock, standing at TEST_NOW. */
  clock: TestClock;
}

/** The demo district, and when the test is of a city, its other districts served beside it. */
export function useBrowserWorld(issueCount = 3000, otherDistricts: readonly District[] = []): BrowserWorld {
  const world = { clock: createTestClock() } as BrowserWorld;
  let district: TestDatabase | undefined;
  let others: TestDatabase[] = [];
  beforeAll(async () => {
    district = createSeededDatabase(issueCount);
    others = otherDistricts.map((each) => createSeededDatabase(Math.round(issueCount / 2), each));
    Object.assign(world, await startServer(district, { clock: world.clock, otherDistricts: others }));
    // The test's own reads of the API are the demo commander's, as the pages' are.
    injectSignedIn(world.server, await signIn(world.server, 'commander'));
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.close();
    district?.remove();
    for (const each of others) each.remove();
  });
  return world;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // WebGL runs on SwiftShader; the rest stops Chromium's own calls home, which are not the page's.
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    // When the suite runs under faketime (to prove it does not depend on the date), Chromium's
    // monotonic clock must stay real, or it runs some twenty times slower; without faketime these do nothing.
    env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_FORCE_MONOTONIC_FIX: '0' },
  });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** How far the page's clock is from the server's, as on a wall PC whose clock was never set. */
  clockOffsetMs?: number;
  /** The demo account the page is signed in as before it opens (the session cookie set as the sign-in page sets it); null for none. Default: the commander. */
  signedInAs?: Role | null;
  /** The district whose demo account that is; default: the demo district. */
  district?: District;
  /** A phone (390×844, touch) standing here, its GPS this accurate: for the field app at /m. */
  phoneAt?: { longitude: number; latitude: number; accuracy: number };
  /** Whether the page may run its service worker; tests that do not test it keep it out of the way. */
  serviceWorkers?: boolean;
  /** A tablet: a touch screen, with no mouse to hover. */
  touch?: boolean;
}

export async function openPage(browser: Browser, origin: string, options: PageOptions = {}): Promise<BrowserSession> {
  const { clockOffsetMs = 0, signedInAs = 'commander', district = DEMO_DISTRICT, phoneAt, serviceWorkers = false } = options;
  const viewport = options.viewport ?? (phoneAt ? { width: 390, height: 844 } : { width: 1600, height: 900 });
  const context = await browser.newContext({
    viewport, locale: 'zh-CN', serviceWorkers: serviceWorkers ? 'allow' : 'block',
    ...(phoneAt ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2, geolocation: phoneAt, permissions: ['geolocation'] } : {}),
    ...(options.touch ? { hasTouch: true } : {}),
  });
  if (signedInAs) {
    const response = await context.request.post(`${origin}/api/session`, { data: { username: demoUsername(district, signedInAs), password: DEMO_PASSWORD } });
    if (!response.ok()) throw new Error(`signing in as ${signedInAs} failed: ${response.status()} ${await response.text()}`);
  }
  // The page's clock is pinned (never the machine's) and runs on from there; tests move it on to
  // bring timers round instead of waiting for them.
  await context.clock.install({ time: TEST_NOW + clockOffsetMs });
  const page = await context.newPage();
  const outsideRequests: string[] = [];
  const scripts: string[] = [];
  const pageErrors: string[] = [];
  // Abort rather than merely count, so the page behaves as it would on an intranet with no internet.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) && route.request().resourceType() === 'script') scripts.push(new URL(url).pathname);
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outsideRequests.push(url);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, origin, outsideRequests, scripts, pageErrors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  const path = resolve(SCREENSHOT_DIRECTORY, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
