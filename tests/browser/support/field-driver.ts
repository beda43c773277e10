import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { BrowserSession } from './browser.ts';

/** What people in the street do with the phone app at /m, in its own terms. */
export function createFieldDriver(session: BrowserSession) {
  const { page, origin } = session;
  const byTestId = (id: string) => page.getByTestId(id);
  /** A photo is taken with the phone's camera: the file input gets the camera's JPEG. */
  const takePhoto = async (input: string, bytes: Buffer, name: string) => {
    const path = join(tmpdir(), `civgrid-${process.pid}-${name}`);
    writeFileSync(path, bytes);
    await byTestId(input).setInputFiles(path);
    await page.locator('.field-photo-preview img').last().waitFor();
  };
  const card = (code: string) => page.locator(`[data-testid="field-issue"][data-code="${code}"]`);

  return {
    page,
    given: {
      async appOpened() {
        await page.goto(`${origin}/m/`);
        await byTestId('field-app').waitFor();
      },
    },
    when: {
      async tab(name: 'report' | 'mine' | 'tasks' | 'reinspection' | 'grids') {
        await byTestId(`field-tab-${name}`).tap();
      },
      async switchesLanguage() {
        await byTestId('field-language').tap();
      },
      async reports(report: { photo: Buffer; categorySearch: string; category: string; description: string }) {
        await takePhoto('report-photo-input', report.photo, 'report.jpg');
        await byTestId('report-category-search').fill(report.categorySearch);
        await byTestId(`report-category-${report.category}`).tap();
        await byTestId('report-description').fill(report.description);
        await byTestId('report-send').tap();
        await byTestId('my-reports').waitFor();
      },
      async opens(code: string) {
        await card(code).tap();
        await byTestId('issue-sheet').waitFor();
        await page.locator('[data-testid="issue-sheet-state"]').waitFor();
      },
      /** Takes an action on the open problem, with photos and a note when given. */
      async acts(action: string, { photo, note }: { photo?: Buffer; note?: string } = {}) {
        await byTestId(`field-action-${action}`).tap();
        if (photo) await takePhoto('action-photo-input', photo, `${action}.jpg`);
        if (note) await byTestId('action-note').fill(note);
        await byTestId('action-submit').tap();
        await byTestId('issue-sheet').waitFor({ state: 'detached' });
      },
    },
    then: {
      card,
      text: async (id: string) => (await byTestId(id).textContent()) ?? '',
      /** Nothing left waiting on the phone. */
      async allSent() {
        await byTestId('outbox-count').waitFor({ state: 'detached', timeout: 30_000 });
      },
      waitingCount: async () => (await byTestId('outbox-count').textContent()) ?? '',
    },
  };
}
