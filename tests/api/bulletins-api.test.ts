import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin, BulletinList } from '../../server/schemas/contract.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { addDays, chinaDay, parseChinaDateTime } from '../../server/domain/china-time.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { readDocx, readPdf, readXlsx } from '../support/office-files.ts';

const DISTRICT = '/api/districts/qingchuan';

/** Issuing, numbering, correcting and archiving bulletins, on each database the server runs on. */
describe.each(DIALECTS)('bulletins on %s', (dialect) => {
  let district: TestDistrict;
  let app: TestApp;
  let commander: SignedIn;
  const yesterday = addDays(chinaDay(TEST_NOW), -1);

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 1500);
    app = await buildTestApp({ store: district.openStore(), now: () => TEST_NOW, rateLimits: UNLIMITED });
    commander = await signIn(app, 'commander');
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
  });

  const issue = (who: SignedIn, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `${DISTRICT}/bulletins`, headers: who.headers, payload });
  const list = async (query = '') => ((await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins${query}`, headers: commander.headers })).json() as BulletinList).items;
  const download = async (address: string) => {
    const response = await app.inject({ method: 'GET', url: address, headers: commander.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  it('gives each issued 日通报 the next number of its series, keeps its files byte for byte, and lists it in the archive', async () => {
    const first = await issue(commander, { series: 'daily', date: yesterday });
    expect(first.statusCode, first.body).toBe(201);
    const bulletin = first.json() as Bulletin;
    expect(bulletin).toMatchObject({ series: 'daily', year: 2026, number: 1, lastDay: yesterday, firstDay: '2026-11-01', madeBy: 'commander', correctsId: null });
    expect(Object.keys(bulletin.files).sort()).toEqual(['docx', 'pdf', 'xlsx']);

    const word = await download(bulletin.files.docx!);
    expect(word.headers['content-type']).toContain('wordprocessingml');
    expect(word.headers['content-disposition']).toContain(encodeURIComponent('（2026年第1期）.docx'));
    expect(word.headers.etag).toBe(`"${createHash('sha256').update(word.rawPayload).digest('hex')}"`);
    expect(readDocx(word.rawPayload).paragraphs.slice(0, 2)).toEqual(['创城工作日通报', '2026年第1期']);
    expect((await readXlsx((await download(bulletin.files.xlsx!)).rawPayload)).size).toBeGreaterThan(3);
    expect((await download(bulletin.files.docx!)).rawPayload.equals(word.rawPayload)).toBe(true);
    const pdf = await download(bulletin.files.pdf!);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await readPdf(pdf.rawPayload))[0]!.slice(0, 2)).toEqual(['创城工作日通报', '2026年第1期']);

    const second = (await issue(commander, { series: 'daily' })).json() as Bulletin;
    expect(second.number).toBe(2);
    expect(second.lastDay).toBe(chinaDay(TEST_NOW));
    expect((await list('?series=daily')).map((each) => each.number)).toEqual([2, 1]);
  });

  it('keeps a draft unnumbered and out of the archive unless asked for', async () => {
    const before = await list();
    const draft = (await issue(commander, { series: 'daily', date: yesterday, draft: true })).json() as Bulletin;
    expect(draft.number).toBeNull();
    expect(readDocx((await download(draft.files.docx!)).rawPayload).paragraphs[1]).toBe('2026年（草稿，未编号）');
    expect(await list()).toEqual(before);
    expect((await list('?drafts=true')).map((each) => each.id)).toContain(draft.id);
    // The next issued one takes the number after the last issued, not after the draft.
    const next = (await issue(commander, { series: 'daily', date: yesterday })).json() as Bulletin;
    expect(next.number).toBe(Math.max(...before.map((each) => each.number!)) + 1);
  });

  it('issues a correction as a new bulletin that names the one it corrects, which stays as it was', async () => {
    const [original] = (await list()).slice(-1);
    const originalBytes = (await download(original!.files.docx!)).rawPayload;
    const correction = (await issue(commander, { series: 'daily', date: original!.lastDay, corrects: original!.id })).json() as Bulletin;
    expect(correction.correctsId).toBe(original!.id);
    expect(correction.number).toBeGreaterThan(original!.number!);
    expect(readDocx((await download(correction.files.docx!)).rawPayload).paragraphs.join('\n')).toContain(`本期更正2026年第${original!.number}期《${original!.title}》`);
    expect((await download(original!.files.docx!)).rawPayload.equals(originalBytes)).toBe(true);
    expect((await list()).find((each) => each.id === original!.id)).toEqual(original);
  });

  it('lets leaders and administrators read the archive, only a commander issue, and no one else in', async () => {
    const leader = await signIn(app, 'leader');
    const admin = await signIn(app, 'admin');
    const department = await signIn(app, 'department');
    expect((await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins`, headers: leader.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins`, headers: admin.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins`, headers: department.headers })).statusCode).toBe(403);
    expect((await issue(leader, { series: 'daily' })).statusCode).toBe(403);
  });

  it('refuses a day to come, a date that is none, an unknown bulletin to correct and a series that is none, naming the problem and keeping nothing', async () => {
    const before = await list('?drafts=true');
    const refusals: Array<[Record<string, unknown>, number, string]> = [
      [{ series: 'daily', date: addDays(chinaDay(TEST_NOW), 1) }, 400, 'date'],
      [{ series: 'daily', date: '2026-02-30' }, 400, 'date'],
      [{ series: 'daily', corrects: 999_999 }, 404, 'bulletin 999999'],
      [{ series: 'yearly' }, 400, 'series'],
    ];
    for (const [payload, status, named] of refusals) {
      const response = await issue(commander, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().message).toContain(named);
    }
    const draft = (await list('?drafts=true')).find((each) => each.number === null)!;
    expect((await issue(commander, { series: 'daily', corrects: draft.id })).statusCode).toBe(404);
    expect(await list('?drafts=true')).toEqual(before);
    expect((await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins/${before[0]!.id}/odt`, headers: commander.headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `${DISTRICT}/bulletins/999999/pdf`, headers: commander.headers })).statusCode).toBe(404);
  });

  it('issues the day\'s 日通报 by itself at its set time, and only once however often the server starts', async () => {
    const tomorrow = addDays(chinaDay(TEST_NOW), 1);
    // A server that starts (and stops, letting what it writes finish) at a moment of the day.
    const runAt = async (time: string) => (await buildTestApp({ store: district.openStore(), now: () => parseChinaDateTime(`${tomorrow}T${time}`), dailyBulletinAt: '18:00' })).close();
    const scheduled = async () => (await list()).filter((each) => each.madeBy === 'schedule');

    await runAt('17:59');
    expect(await scheduled()).toEqual([]);
    await runAt('18:01');
    await runAt('21:30');
    const issued = await scheduled();
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ series: 'daily', lastDay: tomorrow, number: Math.max(...(await list()).map((each) => each.number!)) });
    expect(readDocx((await download(issued[0]!.files.docx!)).rawPayload).paragraphs[4]).toBe(`（${tomorrow.slice(0, 4)}年${Number(tomorrow.slice(5, 7))}月${Number(tomorrow.slice(8))}日）`);
  });

  it('issues the day\'s 日通报 once when two servers on the same database start at the same moment', async () => {
    const dayAfter = addDays(chinaDay(TEST_NOW), 2);
    const server = () => buildTestApp({ store: district.openStore(), now: () => parseChinaDateTime(`${dayAfter}T18:30`), dailyBulletinAt: '18:00' });
    const both = await Promise.all([server(), server()]);
    await Promise.all(both.map((each) => each.close()));
    expect((await list()).filter((each) => each.madeBy === 'schedule' && each.lastDay === dayAfter)).toHaveLength(1);
  });
});
