import type { BrowserSession } from './browser.ts';

/** What the office does on its bulletins page, in its own terms. */
export function createBulletinDriver(session: BrowserSession) {
  const { page, origin } = session;
  const byTestId = (id: string) => page.getByTestId(id);
  const row = (number: string) => byTestId('bulletin-row').filter({ has: page.getByTestId('bulletin-number').getByText(number, { exact: true }) });
  const rowCount = () => byTestId('bulletin-row').count();
  /** Clicks, then waits for the archive to be read again with one row more. */
  const addsARow = async (click: () => Promise<void>) => {
    const before = await rowCount();
    await click();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="bulletin-row"]').length > count, before);
  };

  return {
    page,
    given: {
      async bulletinsOpened() {
        await page.goto(`${origin}/bulletins`);
        await byTestId('bulletins-page').waitFor();
        await page.waitForFunction(() => document.querySelector('[data-testid="bulletins-table"] tbody') !== null);
      },
    },
    when: {
      async previewsDraft() {
        await addsARow(() => byTestId('bulletin-draft').click());
      },
      async issuesDaily() {
        await addsARow(() => byTestId('bulletin-issue').click());
      },
      async correctsIssue(number: string) {
        await row(number).getByTestId('bulletin-correct').click();
        await addsARow(() => row(number).getByTestId('bulletin-confirm-correction').click());
      },
      /** Downloads a bulletin's file as a user would, by its link; answers its bytes. */
      async downloads(number: string, format: 'docx' | 'xlsx') {
        const [download] = await Promise.all([page.waitForEvent('download'), row(number).getByTestId(`bulletin-file-${format}`).click()]);
        const chunks: Buffer[] = [];
        for await (const chunk of (await download.createReadStream())) chunks.push(chunk as Buffer);
        return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
      },
    },
    then: {
      row,
      numbers: () => byTestId('bulletin-number').allTextContents(),
    },
  };
}
