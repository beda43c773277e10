import type { BrowserSession } from './browser.ts';

/** What the office does on its bulletins page, in its own terms. */
export function createBulletinDriver(session: BrowserSession) {
  const { page, origin } = session;
  const byTestId = (id: string) => page.getByTestId(id);
  /** A bulletin's row by its 期号 within its series (by its Chinese name). */
  const row = (number: string, series = '日通报') => byTestId('bulletin-row')
    .filter({ has: page.getByTestId('bulletin-number').getByText(number, { exact: true }) })
    .filter({ has: page.getByTestId('bulletin-series').getByText(series, { exact: true }) });
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
      /** Chooses a series (by its Chinese name) and issues it for the day the form proposes. */
      async issues(series: string) {
        await byTestId('bulletin-issue-series').selectOption({ label: series });
        await addsARow(() => byTestId('bulletin-issue').click());
      },
      /** Opens a bulletin's PDF to read in the browser; answers what the new tab was sent. */
      async readsOnline(number: string, series: string) {
        const [popup, response] = await Promise.all([
          page.waitForEvent('popup'),
          page.context().waitForEvent('response', (each) => each.url().includes('/pdf?view=inline')),
          row(number, series).getByTestId('bulletin-read').click(),
        ]);
        const answer = { address: new URL(response.url()).pathname, type: response.headers()['content-type'], disposition: response.headers()['content-disposition'] };
        await popup.close();
        return answer;
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
