import { centroid } from '@turf/turf';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin, GridCollection, GridDetail, IssueDetail, IssueList, UploadedPhoto } from '../../server/schemas/contract.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { ACTION_NAMES, STATE_NAMES } from '../../server/domain/issue-names.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW, temporaryDirectory } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { phonePhoto, sendPhotos } from '../support/photos.ts';
import { docxImages, hasRow, readDocx, readPdf } from '../support/office-files.ts';

const DISTRICT = '/api/districts/qingchuan';
/** The colour phonePhoto paints a seed's photo. */
const colourOf = (seed: number) => [(seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256];

/** A 督查专报 on chosen problems: each with its photos before and after, its place, its history and who answers for it. */
describe.each(DIALECTS)('the 督查专报 on %s', (dialect) => {
  let district: TestDistrict;
  let photos: ReturnType<typeof temporaryDirectory>;
  let app: TestApp;
  let clock = TEST_NOW;
  let commander: SignedIn;
  let department: SignedIn;
  let rectified: IssueDetail;
  let others: IssueDetail[];

  const act = async (who: SignedIn, id: number, body: object) => {
    const response = await app.inject({ method: 'POST', url: `${DISTRICT}/issues/${id}/actions`, payload: body, headers: who.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as IssueDetail;
  };
  const upload = async (who: SignedIn, seed: number) => ((await sendPhotos(app, who, [{ name: `IMG_${seed}.jpg`, bytes: await phonePhoto({ seed }) }])).json() as UploadedPhoto[])[0]!;
  const get = async <T>(url: string) => (await app.inject({ method: 'GET', url: `${DISTRICT}${url}`, headers: commander.headers })).json() as T;
  const issue = (payload: object) => app.inject({ method: 'POST', url: `${DISTRICT}/bulletins`, headers: commander.headers, payload });

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 1200);
    photos = temporaryDirectory();
    app = await buildTestApp({ store: district.openStore(), now: () => clock, rateLimits: UNLIMITED, photosDirectory: photos.directory });
    commander = app.signedIn!;
    department = await signIn(app, 'department');
    const departmentId = await district.scalar("SELECT department_id FROM accounts WHERE username = 'department'");
    const grids = (await app.inject({ method: 'GET', url: `${DISTRICT}/grids` })).json() as GridCollection;
    const [longitude, latitude] = centroid(grids.features.find((feature) => feature.properties.code === 'B01')!).geometry.coordinates;

    // A problem reported with a photo, then rectified with another.
    const before = await upload(commander, 3);
    const reported = (await app.inject({
      method: 'POST', url: `${DISTRICT}/issues`, headers: commander.headers,
      payload: { category: 'exposed_garbage', source: 'grid_patrol', description: '垃圾桶满溢', address: '测试路 1 号', longitude, latitude, photoIds: [before.id] },
    })).json() as IssueDetail;
    clock += 3_600_000;
    let step = await act(commander, reported.id, { action: 'dispatch', version: reported.version, departmentId });
    step = await act(department, step.id, { action: 'accept', version: step.version });
    clock += 3_600_000;
    const after = await upload(department, 4);
    rectified = await act(department, step.id, { action: 'submit_rectification', version: step.version, note: '已清运', photoIds: [after.id] });
    // And two from the demo's, overdue, without photos.
    const overdue = await get<IssueList>('/issues?state=assigned,in_progress&overdue=true&limit=2');
    others = await Promise.all(overdue.items.map((each) => get<IssueDetail>(`/issues/${each.id}`)));
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
    photos.remove();
  });

  it('lists the problems chosen in their order, with their grids\' leaders and departments, and gives each a section with its history', async () => {
    const chosen = [rectified, ...others];
    const response = await issue({ series: 'special', issueIds: chosen.map((each) => each.id) });
    expect(response.statusCode, response.body).toBe(201);
    const bulletin = response.json() as Bulletin;
    expect(bulletin).toMatchObject({ series: 'special', number: 1, title: '青川区创城问题督查专报' });
    const word = readDocx((await app.inject({ method: 'GET', url: bulletin.files.docx!, headers: commander.headers })).rawPayload);
    expect(word.paragraphs.slice(0, 5)).toEqual(['创城督查专报', '2026年第1期', '青川区创建全国文明城市指挥部办公室2026年11月20日', '青川区创城问题督查专报', '（3个问题）']);

    const [list, ...histories] = word.tables;
    expect(list!.slice(1).map((row) => row.slice(1, 6))).toEqual(chosen.map((each) => [each.code, each.category.name, each.address, each.grid.name, each.department?.name ?? '—']));
    expect(list!.slice(2).every((row) => Number(row[6]) > 0)).toBe(true);
    // Each section names the grid's leader and the problem's state.
    for (const each of chosen) {
      const { leader } = (await get<GridDetail>(`/grids/${each.grid.code}`)).properties;
      const facts = word.paragraphs.find((paragraph) => paragraph.startsWith(`位置：${each.address}`))!;
      expect(facts).toContain(`包片领导${leader!.name}（${leader!.title}）`);
      expect(facts).toContain(`当前状态：${STATE_NAMES[each.state]}`);
    }
    expect(histories).toHaveLength(3);
    expect(histories[0]!.slice(1).map((row) => [row[1], row[2], row[3]])).toEqual(rectified.events.map((event) => [ACTION_NAMES[event.action], event.actor, event.note ?? '—']));
    expect(word.paragraphs).toContain(`（一）${rectified.code}  ${rectified.category.name}`);
    expect(word.paragraphs).toContain(`（三）${others[1]!.code}  ${others[1]!.category.name}`);
    const pdf = (await readPdf((await app.inject({ method: 'GET', url: bulletin.files.pdf!, headers: commander.headers })).rawPayload)).flat();
    expect(hasRow(pdf, ['1', rectified.code, rectified.category.name])).toBe(true);
  });

  it('shows the photo before rectification at the left and after at the right, each whole, and each problem on its own small map', async () => {
    const bulletin = (await issue({ series: 'special', issueIds: [rectified.id], draft: true })).json() as Bulletin;
    const images = docxImages((await app.inject({ method: 'GET', url: bulletin.files.docx!, headers: commander.headers })).rawPayload);
    const kinds = await Promise.all(images.map(async (bytes) => (await sharp(bytes).metadata()).format));
    expect(kinds.sort()).toEqual(['jpeg', 'png']);
    const photoPair = images[kinds.indexOf('jpeg')]!;
    const { data, info } = await sharp(photoPair).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(1843);
    const pixel = (x: number) => [...data.subarray((Math.round(info.height / 2) * info.width + x) * 3, (Math.round(info.height / 2) * info.width + x) * 3 + 3)];
    const near = (actual: number[], expected: number[]) => actual.every((value, index) => Math.abs(value - expected[index]!) <= 12);
    expect(near(pixel(Math.round(info.width / 4)), colourOf(3)), String(pixel(Math.round(info.width / 4)))).toBe(true);
    expect(near(pixel(Math.round((info.width * 3) / 4)), colourOf(4)), String(pixel(Math.round((info.width * 3) / 4)))).toBe(true);
  });

  it('refuses no problems, an unknown one, too many, days instead of problems, and problems for another series, keeping nothing', async () => {
    const before = await get<unknown>('/bulletins?drafts=true');
    for (const [payload, field] of [
      [{ series: 'special', issueIds: [] }, 'issueIds'],
      [{ series: 'special' }, 'issueIds'],
      [{ series: 'special', issueIds: [999_999] }, 'issueIds'],
      [{ series: 'special', issueIds: Array.from({ length: 51 }, (_, index) => index + 1) }, 'issueIds'],
      [{ series: 'special', issueIds: [rectified.id], date: '2026-11-19' }, 'date'],
      [{ series: 'daily', issueIds: [rectified.id] }, 'issueIds'],
    ] as const) {
      const refused = await issue(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().message, JSON.stringify(payload)).toContain(field);
    }
    expect(await get<unknown>('/bulletins?drafts=true')).toEqual(before);
  });
});
