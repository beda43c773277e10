import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser.ts';

/** What a user does with CivGrid, in the app's own terms; tests read as given/when/then over it. */
export function createDriver(session: BrowserSession) {
  const { page, origin } = session;
  const byTestId = (id: string) => page.getByTestId(id);

  return {
    page,
    given: {
      /**
       * The dispatcher's page; `withLiveFeed: false` opens it with the live feed cut off, as on a
       * dropped connection, and once loaded lets no refreshed list through either (the page polls
       * while the feed is down), so what it shows stays as it was.
       */
      async dispatchOpened({ withLiveFeed = true } = {}) {
        if (!withLiveFeed) await page.route('**/api/districts/*/events', (route) => route.abort());
        await page.goto(`${origin}/dispatch`);
        await page.locator('[data-testid="map"][data-map-idle="true"]:not([data-issues="0"])').waitFor({ state: 'attached', timeout: 45_000 });
        if (withLiveFeed) await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
        else await page.route('**/api/districts/*/issues**', (route) => (route.request().method() === 'GET' ? route.abort() : route.fallback()));
      },
      /** A page opened with no one signed in: the sign-in page. */
      /** A new installation's setup page, opened from the address the server printed. */
      async setupOpened(setupCode: string) {
        await page.goto(`${origin}/?setup=${setupCode}`);
        await byTestId('setup-page').waitFor();
      },
      async signInOpened(path = '/') {
        await page.goto(`${origin}${path}`);
        await byTestId('sign-in').waitFor();
      },
      async cityOpened() {
        await page.goto(`${origin}/`);
        await byTestId('city-table').waitFor();
      },
      /** The overview with the district's grids drawn: the demo's 65 unless the district has others. */
      async overviewOpened(path = '/', gridCount = 65) {
        await page.goto(`${origin}${path}`);
        await gridsDrawn(page, gridCount);
      },
      /** The administrator's import page, its map loaded with the grids in force. */
      async importsOpened() {
        await page.goto(`${origin}/imports`);
        await page.locator('[data-testid="import-map"][data-ready="true"][data-current-grids]').waitFor({ state: 'attached', timeout: 45_000 });
      },
    },
    when: {
      /** Picks a file and dry-runs it, declaring its coordinate system if given; resolves when the report is shown. */
      async dryRunImport(path: string, coordinateSystem?: string) {
        const previous = await byTestId('import-report').getAttribute('data-import-id').catch(() => null);
        await byTestId('import-file').setInputFiles(path);
        if (coordinateSystem) await byTestId('import-coordinate-system').selectOption(coordinateSystem);
        await byTestId('import-dry-run').click();
        await page.locator(`[data-testid="import-report"]${previous ? `:not([data-import-id="${previous}"])` : ''}`).waitFor();
      },
      async chooseImportKind(kind: 'grids' | 'organization' | 'points' | 'problems' | 'basemap' | 'edit') {
        await byTestId(`import-kind-${kind}`).click();
      },
      /** On the edit tab, picks a grid. */
      async chooseGridToEdit(code: string) {
        await byTestId('grid-edit-select').selectOption(code);
        await byTestId('grid-edit-name').waitFor();
      },
      /** Renames the grid being edited and dry-runs it; resolves when the report is shown. */
      async renameGrid(name: string) {
        await byTestId('grid-edit-name').fill(name);
        await byTestId('grid-edit-dry-run').click();
        await byTestId('import-report').waitFor();
      },
      /** Redraws the grid's boundary: its first vertex dragged by the mouse a `share` of the way to the map's middle, where the grid is framed. */
      async dragFirstVertexInwards(share: number) {
        await byTestId('grid-edit-redraw').click();
        const map = page.locator('[data-testid="import-map"][data-first-vertex]');
        await map.waitFor({ state: 'attached' });
        const box = (await map.boundingBox())!;
        const [x, y] = (await map.getAttribute('data-first-vertex'))!.split(',').map(Number) as [number, number];
        const [from, to] = [{ x: box.x + x, y: box.y + y }, { x: box.x + x + (box.width / 2 - x) * share, y: box.y + y + (box.height / 2 - y) * share }];
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        for (let step = 1; step <= 10; step += 1) await page.mouse.move(from.x + ((to.x - from.x) * step) / 10, from.y + ((to.y - from.y) * step) / 10);
        await page.mouse.up();
        await page.locator('[data-testid="import-map"][data-edits]').waitFor({ state: 'attached' });
      },
      /** Dry-runs the boundary as redrawn; resolves when its report is shown. */
      async checkRedrawnBoundary() {
        const previous = await byTestId('import-report').getAttribute('data-import-id').catch(() => null);
        await byTestId('grid-edit-check-boundary').click();
        await page.locator(`[data-testid="import-report"]${previous ? `:not([data-import-id="${previous}"])` : ''}`).waitFor();
      },
      /** Applies the dry run on show, accepting its warnings if it has any. */
      async applyGridDryRun() {
        const accept = byTestId('import-accept-warnings');
        if (await accept.count() > 0) await accept.check();
        await byTestId('import-apply').click();
        await byTestId('import-applied').waitFor();
      },
      /** Picks a file as one of the base map's layers, dry-runs it and applies it accepting its warnings. */
      async importBasemapLayer(path: string, layer: string, coordinateSystem: string) {
        await byTestId('basemap-file').setInputFiles(path);
        await byTestId('basemap-layer').selectOption(layer);
        await byTestId('basemap-coordinate-system').selectOption(coordinateSystem);
        await byTestId('basemap-dry-run').click();
        await byTestId('basemap-report').waitFor();
        const accept = byTestId('basemap-accept-warnings');
        if (await accept.count() > 0) await accept.check();
        await byTestId('basemap-apply').click();
        await byTestId('basemap-applied').waitFor();
      },
      /** Sets the grid's leader and units (by name) and saves them. */
      async setGridResponsibility(leader: string, units: { lead: string[]; territorial: string[]; supporting: string[] }) {
        await byTestId('grid-edit-leader').selectOption(leader);
        for (const [role, names] of Object.entries(units)) await byTestId(`grid-edit-${role}`).selectOption(names);
        await byTestId('grid-edit-save-responsibility').click();
        await byTestId('grid-edit-saved').waitFor();
      },
      /** Picks an organization workbook and dry-runs it; resolves when its report is shown. */
      async dryRunOrganization(path: string) {
        await byTestId('organization-file').setInputFiles(path);
        await byTestId('organization-dry-run').click();
        await byTestId('organization-report').waitFor();
      },
      async applyOrganization({ acceptWarnings }: { acceptWarnings: boolean }) {
        if (acceptWarnings) await byTestId('organization-accept-warnings').check();
        await byTestId('organization-apply').click();
        await byTestId('organization-applied').waitFor();
      },
      /** Picks a problem export, names its source system and coordinate system, and dry-runs it; resolves when its report is shown. */
      async dryRunProblems(path: string, { sourceSystem, coordinateSystem }: { sourceSystem: string; coordinateSystem: string }) {
        await byTestId('problems-file').setInputFiles(path);
        await byTestId('problems-source-system').fill(sourceSystem);
        await byTestId('problems-coordinate-system').selectOption(coordinateSystem);
        await byTestId('problems-dry-run').click();
        await byTestId('problems-report').waitFor();
      },
      /** Maps a field to a column in the dry run's report and checks the file again with it. */
      async mapProblemColumn(field: string, column: string) {
        const before = await byTestId('problems-report').getAttribute('data-import-id');
        await byTestId(`problems-column-${field}`).selectOption(column);
        await byTestId('problems-check-again').click();
        await page.locator(`[data-testid="problems-report"]:not([data-import-id="${before}"])`).waitFor();
      },
      async applyProblems() {
        await byTestId('problems-apply').click();
        await byTestId('problems-applied').waitFor();
      },
      async applyImport({ acceptWarnings }: { acceptWarnings: boolean }) {
        if (acceptWarnings) await byTestId('import-accept-warnings').check();
        await byTestId('import-apply').click();
        await byTestId('import-applied').waitFor();
      },
      /** On a tablet: the grid list folded behind its button, tapped open, and a grid tapped in it. */
      async tapGridInFoldedList(code: string) {
        await byTestId('grid-list-toggle').tap();
        await byTestId(`grid-item-${code}`).tap();
        await mapSettledOn(page, code);
      },
      async tapOpen(toggleId: 'map-controls-toggle' | 'legend-toggle') {
        await byTestId(toggleId).tap();
        await page.locator(`[data-testid="${toggleId}"][aria-expanded="true"]`).waitFor();
      },
      async tapFirstOpenIssue() {
        await byTestId('open-issues').locator('[data-testid^="issue-item-"]').first().tap();
        await page.locator('[data-testid="issue-panel"][data-issue-id]').waitFor();
      },
      async pickGridFromList(code: string) {
        await byTestId(`grid-item-${code}`).click();
        await mapSettledOn(page, code);
      },
      async closeGridPanel() {
        await byTestId('grid-panel-close').click();
        await byTestId('grid-panel').waitFor({ state: 'detached' });
      },
      async clickMapCentre() {
        await page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
        const box = (await byTestId('map').boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      },
      /** Clicks the map where a place is, aiming by the bounds the map reports once settled. */
      async clickMapAt(longitude: number, latitude: number) {
        const { x, y } = await screenPointOf(page, longitude, latitude);
        await page.mouse.click(x, y);
      },
      async hoverMapAt(longitude: number, latitude: number) {
        const { x, y } = await screenPointOf(page, longitude, latitude);
        await page.mouse.move(x, y);
      },
      async selectListedIssue(id: number) {
        await page.locator(`[data-testid="issue-row"][data-issue-id="${id}"]`).click();
      },
      /** Clicks the list's first `count` problems, the last with Shift, as a dispatcher takes a run of them. */
      async selectFirstListed(count: number) {
        const rows = byTestId('issue-row');
        await rows.first().click();
        await rows.nth(count - 1).click({ modifiers: ['Shift'] });
      },
      /** Issues a 督查专报 on the selection; answers what the bar says was made. */
      async issuesSpecialBulletin() {
        await byTestId('special-issue').click();
        return (await byTestId('special-made').textContent()) ?? '';
      },
      /** Shift+drag a box on the map from one corner to the other, `margin` degrees around a place. */
      async boxSelectAround(longitude: number, latitude: number, margin: number) {
        const from = await screenPointOf(page, longitude - margin, latitude + margin);
        const to = await screenPointOf(page, longitude + margin, latitude - margin);
        await page.keyboard.down('Shift');
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        await page.mouse.move(to.x, to.y, { steps: 6 });
        await page.mouse.up();
        await page.keyboard.up('Shift');
      },
      /** Alt+drag a lasso on the map: a ring of points `radius` degrees around a place. */
      async lassoAround(longitude: number, latitude: number, radius: number) {
        const ring = await Promise.all(Array.from({ length: 9 }, (_, step) => {
          const angle = (step / 8) * 2 * Math.PI;
          return screenPointOf(page, longitude + radius * Math.cos(angle), latitude + radius * Math.sin(angle));
        }));
        await page.keyboard.down('Alt');
        await page.mouse.move(ring[0]!.x, ring[0]!.y);
        await page.mouse.down();
        for (const point of ring.slice(1)) await page.mouse.move(point.x, point.y, { steps: 2 });
        await page.mouse.up();
        await page.keyboard.up('Alt');
      },
      async bulkAct({ action, departmentId, note }: { action: string; departmentId?: number; note?: string }) {
        await byTestId('bulk-action').selectOption(action);
        if (departmentId !== undefined) await byTestId('bulk-department').selectOption(String(departmentId));
        if (note !== undefined) await byTestId('bulk-note').fill(note);
        await byTestId('bulk-run').click();
        await byTestId('dispatch-notice').waitFor();
      },
      async filterIssues(filter: 'state' | 'category' | 'source', value: string) {
        await byTestId(`issue-${filter}-filter`).selectOption(value);
      },
      async toggleIssues() {
        await byTestId('toggle-issues').click();
      },
      /** Names the district and makes its administrator; resolves when the server, reopened on it, shows the sign-in page. */
      async setUpDistrict(district: { code: string; name: string }, administrator: { username: string; displayName: string; password: string }) {
        await byTestId('setup-district-name').fill(district.name);
        await byTestId('setup-district-code').fill(district.code);
        await byTestId('setup-username').fill(administrator.username);
        await byTestId('setup-display-name').fill(administrator.displayName);
        await byTestId('setup-password').fill(administrator.password);
        await byTestId('setup-password-again').fill(administrator.password);
        await byTestId('setup-submit').click();
        await byTestId('setup-done').waitFor();
        await byTestId('sign-in').waitFor({ timeout: 30_000 });
      },
      async signIn(username: string, password: string) {
        await byTestId('sign-in-username').fill(username);
        await byTestId('sign-in-password').fill(password);
        await byTestId('sign-in-submit').click();
      },
      async signOut() {
        await byTestId('sign-out').click();
        await byTestId('sign-in').waitFor();
      },
      async createAccount(account: { username: string; displayName: string; role: string; password: string; gridCodes?: string }) {
        await byTestId('account-username').fill(account.username);
        await byTestId('account-display-name').fill(account.displayName);
        await byTestId(`account-role-${account.role}`).check();
        if (account.gridCodes) await byTestId('account-grids').fill(account.gridCodes);
        await byTestId('account-password').fill(account.password);
        await byTestId('account-create').click();
        await byTestId(`account-${account.username}`).waitFor();
      },
      async createScreenDevice(name: string): Promise<string> {
        await byTestId('device-name').fill(name);
        await byTestId('device-create').click();
        return (await byTestId('device-link').locator('code').textContent())!;
      },
      async openDistrictFromCity(code: string) {
        await byTestId(`city-open-${code}`).click();
        await gridsDrawn(page);
      },
      async chooseCityWindow(days: number) {
        await byTestId(`city-window-${days}`).click();
        await page.locator(`[data-testid="city-window-${days}"][aria-pressed="true"]`).waitFor();
      },
      async chooseMetric(metric: string) {
        await byTestId('metric-select').selectOption(metric);
        await page.locator(`[data-testid="map"][data-metric="${metric}"]`).waitFor({ state: 'attached' });
      },
      async choosePeriod(days: number) {
        const answered = page.waitForResponse((response) => response.url().includes('/api/districts/qingchuan/grids?') && response.ok());
        await byTestId('window-select').selectOption(String(days));
        await answered;
      },
      async pickLeader(name: string, id: number) {
        await byTestId('grid-search').fill(name);
        await byTestId(`leader-item-${id}`).click();
        await page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
      },
      async switchLanguage() {
        await byTestId('language-switch').click();
      },
    },
    then: {
      /** The findings a dry run's report lists under errors or warnings, by code. */
      findings: async (list: 'errors' | 'warnings') => byTestId(`import-${list}`).locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')!.slice('finding-'.length))),
      gridPanelFor: (code: string) => page.locator(`[data-testid="grid-panel"][data-grid-code="${code}"]`),
      text: async (id: string) => (await byTestId(id).textContent())?.trim() ?? '',
      cityDistricts: async () => page.locator('[data-testid^="city-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.slice('city-row-'.length))),
      currentPath: () => new URL(page.url()).pathname,
      currentSearch: () => new URL(page.url()).search,
      viewBounds: () => viewBounds(page),
      selectedIssueIds: async () => (await page.locator('[data-testid="issue-row"][aria-selected="true"]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-issue-id'))))).sort((a, b) => a - b),
      signInProblem: async () => (await byTestId('sign-in-problem').textContent())?.trim() ?? '',
      navigation: async () => page.getByTestId('nav').locator('a').allTextContents(),
      noticeText: async () => (await byTestId('dispatch-notice').textContent()) ?? '',
      /** Where elements sit on the screen, by test id; null for one not shown. */
      boxes: async <Id extends string>(ids: readonly Id[]) =>
        Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await byTestId(id).first().boundingBox()] as const))) as Record<Id, { x: number; y: number; width: number; height: number } | null>,
      /** Whether an element's content is wider than the element: a sideways scroll bar. */
      overflowsSideways: (id: string) => byTestId(id).first().evaluate((element) => element.scrollWidth > element.clientWidth + 1),
      isShown: (id: string) => byTestId(id).first().isVisible(),
      columnHeadings: async () => (await page.locator('[data-testid="issue-table-head"] th').allTextContents()).map((text) => text.trim()),
      noticeKind: () => byTestId('dispatch-notice').getAttribute('data-kind'),
      /** Resolves once the list shows the department for the problem (from the live feed, no reload). */
      departmentShownFor: (id: number, name: string) =>
        page.locator(`[data-testid="issue-row"][data-issue-id="${id}"] [data-testid="issue-department"]`, { hasText: name }).waitFor({ timeout: 5000 }),
      /** Resolves once the map draws this many problems (0 when the layer is off). */
      issuesOnMap: (count: number) => page.locator(`[data-testid="map"][data-issues="${count}"]`).waitFor({ state: 'attached' }),
      selectedGridOnMap: () => byTestId('map').getAttribute('data-selected-grid'),
      /** Resolves once the map has drawn every grid in these bands (`code:band`, sorted, `-` for none). */
      gridBandsOnMap: (bands: string) => page.locator(`[data-testid="map"][data-grid-bands="${bands}"]`).waitFor({ state: 'attached' }),
      highlightedGridsOnMap: () => byTestId('map').getAttribute('data-highlighted-grids'),
      listedGrids: async () => (await page.locator('[data-testid^="grid-item-"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')!.slice('grid-item-'.length)))).sort(),
    },
  };
}

/** The district's map has drawn all its grids. */
async function gridsDrawn(page: Page, count = 65) {
  await page.locator(`[data-testid="map"][data-rendered-grids="${count}"]`).waitFor({ state: 'attached', timeout: 45_000 });
}

async function mapSettledOn(page: Page, code: string) {
  await page.locator(`[data-testid="map"][data-selected-grid="${code}"][data-map-idle="true"]`).waitFor({ state: 'attached', timeout: 20_000 });
}

async function screenPointOf(page: Page, longitude: number, latitude: number): Promise<{ x: number; y: number }> {
  await page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ state: 'attached' });
  const [west, south, east, north] = await viewBounds(page);
  const box = (await page.getByTestId('map').boundingBox())!;
  return {
    x: box.x + ((longitude - west) / (east - west)) * box.width,
    y: box.y + ((mercatorY(north) - mercatorY(latitude)) / (mercatorY(north) - mercatorY(south))) * box.height,
  };
}

async function viewBounds(page: Page): Promise<[number, number, number, number]> {
  const bounds = await page.getByTestId('map').getAttribute('data-view-bounds');
  return bounds!.split(',').map(Number) as [number, number, number, number];
}

/** Web Mercator's y for a latitude, up to scale: the map's vertical axis. */
const mercatorY = (latitude: number) => Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360));
