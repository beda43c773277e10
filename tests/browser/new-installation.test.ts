import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, type BrowserSession } from './support/browser.ts';
import { createDriver } from './support/driver.ts';
import { temporaryDirectory } from '../support/test-database.ts';
import { XIACHENG_DIRECTORY } from '../support/xiacheng-fixtures.ts';

/**
 * A real office's first hour, as its administrator lives it: the server started empty
 * (CIVGRID_DEMO=off), the district named on the setup page with the code the server printed,
 * its grid Shapefile imported, and the map showing that district.
 */
const projectRoot = resolve(import.meta.dirname, '../..');

describe('a new installation started empty', () => {
  let folder: ReturnType<typeof temporaryDirectory>;
  let server: ChildProcess;
  let origin: string;
  let setupCode: string;
  let browser: Browser;
  let visitor: BrowserSession;

  beforeAll(async () => {
    folder = temporaryDirectory();
    server = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env, PORT: '0', HOST: '127.0.0.1', CIVGRID_DEMO: 'off', CIVGRID_DB: join(folder.directory, 'civgrid.db'),
        CIVGRID_BASEMAP_LAYERS: join(folder.directory, 'basemap'), CIVGRID_BACKUP_TIME: 'off', CIVGRID_DAILY_BULLETIN_TIME: 'off', LOG_LEVEL: 'info',
      },
    });
    let log = '';
    server.stdout!.on('data', (chunk) => { log += chunk; });
    // The address and the setup code are in the log the operator reads.
    const printed = () => /open (http:\/\/localhost:(\d+))\/\?setup=([\w-]+)/.exec(log);
    for (let tries = 0; !printed() && tries < 600; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const [, , port, code] = printed() ?? [];
    if (!port) throw new Error(`the server printed no setup address:\n${log}`);
    origin = `http://127.0.0.1:${port}`;
    setupCode = code!;
    browser = await launchBrowser();
    visitor = await openPage(browser, origin, { signedInAs: null });
  }, 90_000);
  afterAll(async () => {
    await visitor?.close();
    await browser?.close();
    server?.kill('SIGTERM');
    await new Promise((resolve) => server?.once('exit', resolve));
    folder?.remove();
  });

  it('is set up, signed into, and given its grids by its administrator, with no request outside the server', async () => {
    const app = createDriver(visitor);
    await app.given.setupOpened(setupCode);
    await screenshot(app.page, 'setup');
    await app.when.setUpDistrict({ code: 'xiacheng', name: '下城区' }, { username: '10001', displayName: '王主任', password: 'Xiacheng2026' });
    await app.when.signIn('10001', 'Xiacheng2026');
    // A district with no grids takes its administrator to the import page.
    await app.page.getByTestId('import-page').waitFor({ timeout: 30_000 });
    expect(await app.then.text('district-name')).toMatch(/下城区/);
    await app.page.locator('[data-testid="import-map"][data-ready="true"]').waitFor({ state: 'attached', timeout: 45_000 });
    await app.when.dryRunImport(resolve(XIACHENG_DIRECTORY, 'grids-cgcs2000-gk3-120e.zip'));
    expect(await app.then.findings('errors')).toEqual([]);
    expect(await app.then.findings('warnings')).toEqual([]);
    await app.when.applyImport({ acceptWarnings: false });
    await app.given.overviewOpened('/', 74);
    expect(await app.then.text('grid-item-G50')).toMatch(/中舟社区/);
    await screenshot(app.page, 'new-installation-overview');
    expect(visitor.outsideRequests).toEqual([]);
    expect(visitor.pageErrors).toEqual([]);
  });
});
