import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { centroid } from '@turf/turf';
import sharp from 'sharp';
import type { GridCollection, IssueDetail, UploadedPhoto } from '../../server/schemas/contract.ts';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../support/test-app.ts';
import { TEST_NOW, temporaryDirectory } from '../support/test-database.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';
import { phonePhoto, sendPhotos } from '../support/photos.ts';

const HOUR = 3_600_000;
const DISTRICT = '/api/districts/qingchuan';

/** Photos as evidence through the API, on each database the server runs on. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let photos: ReturnType<typeof temporaryDirectory>;
  let app: TestApp;
  let clock = TEST_NOW;
  let commander: SignedIn;
  let gridworker: SignedIn;
  let department: SignedIn;
  let inspector: SignedIn;
  let leader: SignedIn;
  let insideB01: [number, number];
  let departmentId: number;

  beforeAll(async () => {
    district = await createTestDistrict(dialect, 1200);
    photos = temporaryDirectory();
    app = await buildTestApp({ store: district.openStore(), now: () => clock, rateLimits: UNLIMITED, photosDirectory: photos.directory });
    commander = app.signedIn!;
    gridworker = await signIn(app, 'gridworker');
    department = await signIn(app, 'department');
    inspector = await signIn(app, 'inspector');
    leader = await signIn(app, 'leader');
    const grids = (await app.inject({ method: 'GET', url: `${DISTRICT}/grids` })).json() as GridCollection;
    insideB01 = centroid(grids.features.find((feature) => feature.properties.code === 'B01')!).geometry.coordinates as [number, number];
    departmentId = await district.scalar("SELECT department_id FROM accounts WHERE username = 'department'");
  });
  afterAll(async () => {
    await app.close();
    await district.remove();
    photos.remove();
  });

  /** A point this many metres north of the first grid's centre. */
  const north = (metres: number): [number, number] => [insideB01[0], insideB01[1] + metres / 111_195];
  const photoCount = () => district.scalar('SELECT count(*) FROM photos');
  const issueCount = () => district.scalar('SELECT count(*) FROM issues');
  const upload = async (who: SignedIn, bytes: Buffer, name = 'IMG_0001.jpg') => {
    const response = await sendPhotos(app, who, [{ name, bytes }]);
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as UploadedPhoto[])[0]!;
  };
  const photo = (who: SignedIn, id: number, variant: string) => app.inject({ method: 'GET', url: `${DISTRICT}/photos/${id}/${variant}`, headers: who.headers });
  const get = async (id: number) => (await app.inject({ method: 'GET', url: `${DISTRICT}/issues/${id}` })).json() as IssueDetail;
  const act = (who: SignedIn, id: number, body: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `${DISTRICT}/issues/${id}/actions`, payload: body, headers: { ...who.headers, ...headers } });
  const report = (who: SignedIn, body: object = {}, headers: Record<string, string> = {}) => app.inject({
    method: 'POST', url: `${DISTRICT}/issues`, headers: { ...who.headers, ...headers },
    payload: { category: 'exposed_garbage', source: 'grid_patrol', description: '垃圾桶满溢', address: '测试路 1 号', longitude: insideB01[0], latitude: insideB01[1], ...body },
  });

  describe('uploading', () => {
    it('keeps a phone photo by its SHA-256, with when and where it was taken, and serves it at three sizes', async () => {
      const bytes = await phonePhoto({ takenAt: TEST_NOW - 10 * 60_000, position: north(30), seed: 11 });
      const uploaded = await upload(commander, bytes);
      expect(uploaded).toMatchObject({
        sha256: createHash('sha256').update(bytes).digest('hex'), width: 1200, height: 900, flags: [],
        takenAt: new Date(TEST_NOW - 10 * 60_000).toISOString(),
      });
      expect(uploaded.position!.longitude).toBeCloseTo(north(30)[0], 6);
      expect(uploaded.position!.latitude).toBeCloseTo(north(30)[1], 6);

      const original = await photo(commander, uploaded.id, 'original');
      expect(original.headers['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(original.rawPayload, bytes)).toBe(0);
      const thumbnail = await sharp((await photo(commander, uploaded.id, 'thumb')).rawPayload).metadata();
      expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['jpeg', 320, 240]);
      expect((await sharp((await photo(commander, uploaded.id, 'display')).rawPayload).metadata()).width).toBe(1200);

      // The same bytes again are the same photo.
      const before = await photoCount();
      expect((await upload(commander, bytes)).id).toBe(uploaded.id);
      expect(await photoCount()).toBe(before);
    });

    it('reads a time written without its offset as China time, and flags a photo taken more than a day before', async () => {
      const takenAt = TEST_NOW - 2 * 24 * HOUR;
      const uploaded = await upload(commander, await phonePhoto({ takenAt, offset: null, seed: 12 }));
      expect(uploaded.takenAt).toBe(new Date(takenAt).toISOString());
      expect(uploaded.flags).toEqual(['taken_long_before_upload']);
      expect(uploaded.position).toBeNull();
    });

    it('takes a photo by its content, not its name, and refuses what is not one, naming it, keeping nothing', async () => {
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#36c' } }).png().toBuffer();
      const renamed = await upload(commander, png, 'really-a-png.jpg');
      expect((await photo(commander, renamed.id, 'original')).headers['content-type']).toBe('image/png');

      const before = await photoCount();
      const good = { name: 'good.jpg', bytes: await phonePhoto({ seed: 13 }) };
      const pdf = await sendPhotos(app, commander, [good, { name: 'scan.jpg', bytes: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') }]);
      expect(pdf.statusCode).toBe(415);
      expect(pdf.json().message).toBe('files[1] (scan.jpg): is a application/pdf file: send a JPEG, PNG or WebP photo');
      const text = await sendPhotos(app, commander, [{ name: 'note.jpg', bytes: Buffer.from('这不是照片') }]);
      expect([text.statusCode, text.json().message]).toEqual([415, 'files[0] (note.jpg): is not an image: send a JPEG, PNG or WebP photo']);
      const broken = await sendPhotos(app, commander, [{ name: 'cut.jpg', bytes: good.bytes.subarray(0, 300) }]);
      expect(broken.statusCode).toBe(415);
      expect(broken.json().message).toMatch(/^files\[0\] \(cut\.jpg\): cannot be read as a JPG photo/);
      expect(await photoCount()).toBe(before);
    });

    it('refuses more than nine at once, a file over 15 MB, and an empty form', async () => {
      const before = await photoCount();
      const ten = await Promise.all(Array.from({ length: 10 }, (_, index) => phonePhoto({ seed: 100 + index, width: 64 })));
      const tooMany = await sendPhotos(app, commander, ten.map((bytes, index) => ({ name: `${index}.jpg`, bytes })));
      expect([tooMany.statusCode, tooMany.json().message]).toEqual([413, 'files: at most 9 photos at once']);
      const huge = Buffer.concat([await phonePhoto({ seed: 14 }), Buffer.alloc(15 * 1024 * 1024)]);
      const tooLarge = await sendPhotos(app, commander, [{ name: 'huge.jpg', bytes: huge }]);
      expect([tooLarge.statusCode, tooLarge.json().message]).toEqual([413, 'files[0]: larger than 15 MB']);
      expect((await sendPhotos(app, commander, [])).statusCode).toBe(400);
      expect(await photoCount()).toBe(before);
    });
  });

  describe('photos given with the workflow', () => {
    it('gives a report its photos; its history lists them, and only those who may see the problem may see them', async () => {
      clock = TEST_NOW;
      const first = await upload(gridworker, await phonePhoto({ takenAt: TEST_NOW - 5 * 60_000, position: north(20), seed: 21 }));
      const second = await upload(gridworker, await phonePhoto({ takenAt: TEST_NOW - 4 * 60_000, seed: 22 }));
      const response = await report(gridworker, { photoIds: [first.id, second.id] });
      expect(response.statusCode, response.body).toBe(201);
      const issue = response.json() as IssueDetail;
      expect(issue.photos.map(({ id, stage, flags, eventId }) => ({ id, stage, flags, eventId }))).toEqual([
        { id: first.id, stage: 'report', flags: [], eventId: issue.events[0]!.id },
        { id: second.id, stage: 'report', flags: [], eventId: issue.events[0]!.id },
      ]);
      expect(issue.photos[0]!.distanceMetres).toBeGreaterThan(15);
      expect(issue.photos[0]!.distanceMetres).toBeLessThan(25);
      expect(issue.photos[1]!.distanceMetres).toBeNull();

      expect((await photo(leader, first.id, 'thumb')).statusCode).toBe(200);
      expect((await photo(inspector, first.id, 'display')).statusCode).toBe(200);
      const outside = await photo(department, first.id, 'thumb');
      expect([outside.statusCode, outside.json().message]).toEqual([404, `photo ${first.id} does not exist`]);
      expect((await photo(commander, 999_999, 'thumb')).statusCode).toBe(404);
    });

    it('refuses photos the actor did not upload, and photos with an action that takes none, changing nothing', async () => {
      const theirs = await upload(gridworker, await phonePhoto({ seed: 31 }));
      const before = await issueCount();
      const refused = await report(commander, { photoIds: [theirs.id] });
      expect([refused.statusCode, refused.json().message]).toEqual([400, `photoIds: photo ${theirs.id} was not uploaded by you`]);
      expect(await issueCount()).toBe(before);

      const issue = (await report(commander)).json() as IssueDetail;
      const mine = await upload(commander, await phonePhoto({ seed: 32 }));
      const dispatch = await act(commander, issue.id, { action: 'dispatch', version: issue.version, departmentId, photoIds: [mine.id] });
      expect([dispatch.statusCode, dispatch.json().message]).toEqual([400, 'photoIds: photos go with a report, a rectification or a re-inspection, not with dispatch']);
      expect((await get(issue.id)).version).toBe(issue.version);
    });

    it('flags an after-photo taken before the dispatch or far away, and lists the stages in the history\'s order', async () => {
      clock = TEST_NOW;
      let issue = (await report(commander)).json() as IssueDetail;
      clock = TEST_NOW + HOUR;
      issue = (await act(commander, issue.id, { action: 'dispatch', version: issue.version, departmentId })).json() as IssueDetail;
      clock = TEST_NOW + 2 * HOUR;
      issue = (await act(department, issue.id, { action: 'accept', version: issue.version })).json() as IssueDetail;

      const staged = await upload(department, await phonePhoto({ takenAt: TEST_NOW + 30 * 60_000, position: north(350), seed: 41 }));
      const rectified = await act(department, issue.id, { action: 'submit_rectification', version: issue.version, note: '已清运', photoIds: [staged.id] });
      expect(rectified.statusCode, rectified.body).toBe(200);
      issue = rectified.json() as IssueDetail;

      clock = TEST_NOW + 3 * HOUR;
      const onTheSpot = await upload(inspector, await phonePhoto({ takenAt: TEST_NOW + 3 * HOUR - 60_000, position: north(10), seed: 42 }));
      issue = (await act(inspector, issue.id, { action: 'fail_inspection', version: issue.version, note: '仍有垃圾', photoIds: [onTheSpot.id] })).json() as IssueDetail;
      expect(issue.photos.map(({ id, stage, flags }) => ({ id, stage, flags }))).toEqual([
        { id: staged.id, stage: 'rectification', flags: ['taken_before_dispatch', 'far_from_problem'] },
        { id: onTheSpot.id, stage: 'reinspection', flags: [] },
      ]);
      expect(issue.photos[0]!.distanceMetres).toBeGreaterThan(340);
    });
  });

  describe('requests sent again', () => {
    it('answers a report sent again with its Idempotency-Key as the first time: one problem only', async () => {
      const before = await issueCount();
      const key = { 'idempotency-key': 'b6f0c0de-0000-4000-8000-000000000001' };
      const first = await report(commander, { description: '离线上报' }, key);
      const again = await report(commander, { description: '离线上报' }, key);
      expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
      expect((again.json() as IssueDetail).id).toBe((first.json() as IssueDetail).id);
      expect(await issueCount()).toBe(before + 1);

      const reused = await report(commander, { description: '另一个问题' }, key);
      expect([reused.statusCode, reused.json().message]).toEqual([400, `Idempotency-Key: ${key['idempotency-key']} was used for another request; a new request needs a new key`]);
      expect(await issueCount()).toBe(before + 1);
      // Another account's key is its own.
      expect((await report(inspector, { description: '离线上报' }, key)).statusCode).toBe(201);
    });

    it('answers an action sent again with its key without acting twice', async () => {
      const issue = (await report(commander)).json() as IssueDetail;
      const key = { 'idempotency-key': 'dispatch-once-0001' };
      const body = { action: 'dispatch', version: issue.version, departmentId };
      const first = await act(commander, issue.id, body, key);
      const again = await act(commander, issue.id, body, key);
      expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
      expect((again.json() as IssueDetail).version).toBe(issue.version + 1);
      expect((again.json() as IssueDetail).events.filter((event) => event.action === 'dispatch')).toHaveLength(1);
      const malformed = await act(commander, issue.id, body, { 'idempotency-key': 'bad key!' });
      expect(malformed.statusCode).toBe(400);
    });
  });
});
