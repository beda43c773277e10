import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { City, GridCollection } from '../../server/schemas/contract.ts';
import { openPage, screenshot, useBrowserWorld, type BrowserSession } from './support/browser.ts';
import { createDriver } from './support/driver.ts';
import { signIn } from '../support/test-app.ts';

/** A city's command office: the districts side by side, and each district's own pages a click away. */
const world = useBrowserWorld(2000, [{ code: 'donghu', name: '东湖区' }, { code: 'xiling', name: '西岭区' }]);
let session: BrowserSession;

describe('the city view', () => {
  beforeAll(async () => {
    session = await openPage(world.browser, world.origin);
  });
  afterAll(async () => session.close());

  it('lists every district ranked by composite, with the figures the API gives, asking nothing outside our server', async () => {
    const app = createDriver(session);
    await app.given.cityOpened();
    const city = (await world.server.inject('/api/city?days=30')).json() as City;
    const expected = [...city.districts].sort((a, b) => (a.performance.rank ?? Infinity) - (b.performance.rank ?? Infinity) || a.district.code.localeCompare(b.district.code));
    expect(await app.then.cityDistricts()).toEqual(expected.map((row) => row.district.code));
    const first = expected[0]!;
    const cells = await app.page.getByTestId(`city-row-${first.district.code}`).locator('td').allTextContents();
    expect(cells[1]).toBe(first.district.name);
    expect(cells[7]).toBe(first.performance.overdueOpen.toLocaleString('zh-CN'));
    const totals = await app.page.getByTestId('city-totals').locator('td').allTextContents();
    const sum = (pick: (row: City['districts'][number]) => number) => city.districts.reduce((total, row) => total + pick(row), 0);
    expect(totals[1]).toBe('全市');
    expect(totals[6]).toBe(sum((row) => row.performance.openIssues).toLocaleString('zh-CN'));
    expect(totals[7]).toBe(sum((row) => row.performance.overdueOpen).toLocaleString('zh-CN'));
    expect(session.outsideRequests).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    await screenshot(app.page, 'city');
  });

  it('recomputes for the window an operator picks', async () => {
    const app = createDriver(session);
    await app.given.cityOpened();
    const asked = app.page.waitForRequest((request) => request.url().includes('/api/city?days=90'));
    await app.when.chooseCityWindow(90);
    await asked;
    const city = (await world.server.inject('/api/city?days=90')).json() as City;
    const row = city.districts.find((each) => each.district.code === 'donghu')!;
    await app.page.getByTestId('city-row-donghu').locator('td').nth(8).filter({ hasText: row.performance.newIssues.toLocaleString('zh-CN') }).waitFor();
  });

  it('opens the account\'s own district from its row, asking only that district\'s API, and shows the others\' figures only', async () => {
    const donghuCommander = await openPage(world.browser, world.origin, { district: { code: 'donghu', name: '东湖区' } });
    try {
      const app = createDriver(donghuCommander);
      await app.given.cityOpened();
      expect(await app.page.getByTestId('city-open-xiling').count()).toBe(0);
      const asked: string[] = [];
      app.page.on('request', (request) => { if (request.url().includes('/api/districts/')) asked.push(new URL(request.url()).pathname); });
      await app.when.openDistrictFromCity('donghu');
      expect(app.page.url()).toBe(`${world.origin}/d/donghu/`);
      expect(await app.page.getByTestId('district-name').textContent()).toBe('东湖区创城指挥部');
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((path) => !path.startsWith('/api/districts/donghu/'))).toEqual([]);
      const donghuGrids = (await world.server.inject({ url: '/api/districts/donghu/grids', headers: (await signIn(world.server, 'commander', { code: 'donghu', name: '东湖区' })).headers })).json() as GridCollection;
      await app.page.getByTestId(`grid-item-${donghuGrids.features[0]!.properties.code}`).waitFor();
      await screenshot(app.page, 'city-district-donghu');

      await app.page.goto(`${world.origin}/d/xiling/`);
      await app.page.getByTestId('other-district').waitFor();
      expect(await app.page.getByTestId('other-district').textContent()).toContain('您的账号属于东湖区，不能查看西岭区的数据。');
    } finally {
      await donghuCommander.close();
    }
  });
});
