import { describe, expect, it } from 'vitest';
import type { SessionAnswer } from '../../server/schemas/contract.ts';
import { signIn } from '../support/test-app.ts';
import { openPage, screenshot, useBrowserWorld } from './support/browser.ts';
import { createDriver } from './support/driver.ts';

const world = useBrowserWorld();

type Box = { x: number; y: number; width: number; height: number };
const intersect = (a: Box, b: Box) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** Every pair of the boxes that overlap, by name; none is what a tidy screen has. */
function overlaps(boxes: Record<string, Box | null>): string[] {
  const shown = Object.entries(boxes).filter((entry): entry is [string, Box] => entry[1] !== null);
  return shown.flatMap(([name, box], index) => shown.slice(index + 1).filter(([, other]) => intersect(box, other)).map(([otherName]) => `${name} × ${otherName}`));
}

describe('a leader on a tablet', () => {
  it.each([[1024, 768], [768, 1024]])('at %i×%i finds their grid in the folded list, reads its panel and trend, and taps a problem open, with nothing overlapping', async (width, height) => {
    const leader = await signIn(world.server, 'leader');
    const { account } = (await world.server.inject({ url: '/api/session', headers: leader.headers })).json() as SessionAnswer;
    const ownGrid = account.gridCodes[0]!;
    const session = await openPage(world.browser, world.origin, { viewport: { width, height }, signedInAs: 'leader', touch: true });
    try {
      const app = createDriver(session);
      await app.given.overviewOpened();
      // The header fits on one line; the grid list, the map's controls and the legend are folded to buttons.
      expect(await app.then.overflowsSideways('app-header')).toBe(false);
      expect((await app.then.boxes(['app-header'] as const))['app-header']!.height).toBeLessThanOrEqual(60);
      expect(await app.then.isShown('grid-list')).toBe(false);
      expect(await app.then.isShown('metric-toolbar')).toBe(false);
      expect(await app.then.isShown('metric-legend')).toBe(false);

      await app.when.tapGridInFoldedList(ownGrid);

      await app.then.gridPanelFor(ownGrid).waitFor();
      expect(await app.then.isShown('grid-list')).toBe(false);
      await session.page.getByTestId('trend-chart').scrollIntoViewIfNeeded();
      expect(await app.then.isShown('trend-chart')).toBe(true);
      const folded = await app.then.boxes(['grid-list-toggle', 'map-controls-toggle', 'map-legend', 'grid-panel', 'map', 'app-title']);
      expect(overlaps({ ...folded, map: null })).toEqual([]);
      // The map keeps at least half the screen beside (or above) the panel.
      expect((folded.map!.width * folded.map!.height) / (width * height)).toBeGreaterThanOrEqual(0.5);
      expect(intersect(folded.map!, folded['grid-panel']!)).toBe(false);
      await screenshot(session.page, `tablet-${width}x${height}-grid`);

      await app.when.tapOpen('map-controls-toggle');
      const opened = await app.then.boxes(['map-controls', 'map-legend', 'grid-panel', 'grid-list-toggle']);
      expect(await app.then.isShown('metric-toolbar')).toBe(true);
      expect(overlaps(opened)).toEqual([]);
      await screenshot(session.page, `tablet-${width}x${height}-controls`);

      await app.when.tapFirstOpenIssue();
      expect(await app.then.isShown('issue-panel')).toBe(true);
      expect(app.then.currentPath()).toMatch(/^\/issues\/\d+$/);
    } finally {
      await session.close();
    }
  });

  it('below 768 pixels wide is pointed to the phone app', async () => {
    const session = await openPage(world.browser, world.origin, { viewport: { width: 600, height: 900 }, signedInAs: 'leader', touch: true });
    try {
      await createDriver(session).given.overviewOpened();
      const pointer = session.page.getByTestId('phone-app-pointer');
      expect(await pointer.isVisible()).toBe(true);
      expect(await pointer.locator('a').getAttribute('href')).toBe('/m/');
    } finally {
      await session.close();
    }
  });
});
