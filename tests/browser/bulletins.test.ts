import { describe, expect, it } from 'vitest';
import type { BulletinList } from '../../server/schemas/contract.ts';
import { openPage, screenshot, useBrowserWorld } from './support/browser.ts';
import { createBulletinDriver } from './support/bulletin-driver.ts';
import { readDocx } from '../support/office-files.ts';

const world = useBrowserWorld(1500);

describe('the office\'s bulletins', () => {
  it('are previewed as a draft, issued with the next number, downloaded as issued, and corrected by a new one', async () => {
    // Given a commander on the bulletins page.
    const commander = await openPage(world.browser, world.origin);
    try {
      const office = createBulletinDriver(commander);
      await office.given.bulletinsOpened();

      // When they preview a draft of today's 日通报, then issue it.
      await office.when.previewsDraft();
      expect(await office.then.numbers()).toEqual(['草稿']);
      await office.when.issuesDaily();

      // Then it is 2026年第1期, and its Word file says so on its masthead line.
      expect(await office.then.numbers()).toEqual(['2026年第1期', '草稿']);
      const word = await office.when.downloads('2026年第1期', 'docx');
      expect(word.name).toMatch(/日通报（2026年第1期）\.docx$/);
      expect(readDocx(word.bytes).paragraphs.slice(0, 2)).toEqual(['创城工作日通报', '2026年第1期']);
      const archive = (await world.server.inject('/api/districts/qingchuan/bulletins')).json() as BulletinList;
      expect(word.bytes.equals((await world.server.inject(archive.items[0]!.files.docx!)).rawPayload)).toBe(true);

      // When they correct it, the correction takes the next number and names it; the original stays, byte for byte.
      await office.when.correctsIssue('2026年第1期');
      expect((await office.then.numbers()).slice(0, 2)).toEqual(['2026年第2期', '2026年第1期']);
      expect(await office.then.row('2026年第2期').getByTestId('bulletin-corrects').textContent()).toContain('更正2026年第1期');
      expect((await office.when.downloads('2026年第1期', 'docx')).bytes.equals(word.bytes)).toBe(true);

      // When they issue the 周通报 the form proposes (the last whole week), it starts its own series, and reads in the browser as a PDF.
      await office.when.issues('周通报');
      expect(await office.then.row('2026年第1期', '周通报').textContent()).toContain('2026-11-09 ~ 2026-11-15');
      const pdf = await office.when.readsOnline('2026年第1期', '周通报');
      expect([pdf.type, pdf.disposition?.split(';')[0]]).toEqual(['application/pdf', 'inline']);
      const issuedWeekly = ((await world.server.inject('/api/districts/qingchuan/bulletins?series=weekly')).json() as BulletinList).items[0]!;
      expect(pdf.address).toBe(issuedWeekly.files.pdf);
      await screenshot(commander.page, 'bulletins');
      expect(commander.outsideRequests).toEqual([]);
      expect(commander.pageErrors).toEqual([]);
    } finally {
      await commander.close();
    }
  });

  it('are read by a leader, who may download them but not issue one', async () => {
    const leader = await openPage(world.browser, world.origin, { signedInAs: 'leader' });
    try {
      const office = createBulletinDriver(leader);
      await office.given.bulletinsOpened();
      await leader.page.getByTestId('bulletin-row').first().waitFor();
      expect(await leader.page.getByTestId('bulletin-issue-form').count()).toBe(0);
      expect(await leader.page.getByTestId('bulletin-correct').count()).toBe(0);
      const excel = await office.when.downloads('2026年第1期', 'xlsx');
      expect(excel.bytes.subarray(0, 2).toString()).toBe('PK');
    } finally {
      await leader.close();
    }
  });
});
