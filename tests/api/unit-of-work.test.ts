import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_SETTINGS } from '../../server/domain/scoring-settings.ts';
import type { Store } from '../../server/store/store.ts';
import { createTestDistrict, DIALECTS, type TestDistrict } from '../support/test-district.ts';

/** The store's transactions as services rely on them, on each database: all or nothing, in turn, unseen until committed. */
describe.each(DIALECTS)('on %s', (dialect) => {
  let district: TestDistrict;
  let store: Store;
  beforeAll(async () => {
    district = await createTestDistrict(dialect, 0);
    store = district.openStore();
  });
  afterAll(async () => {
    await store.close();
    await district.remove();
  });

  const record = (repositories: Store['repositories'], changedBy: string) =>
    repositories.scoringSettings.record(DEFAULT_SCORING_SETTINGS, changedBy, null, 0);
  const recordedBy = async () => (await store.repositories.scoringSettings.history()).map((change) => change.changedBy);

  describe('a unit of work', () => {
    it('commits what it wrote when it returns', async () => {
      await store.unitOfWork(({ repositories }) => record(repositories, 'committed'));
      expect(await recordedBy()).toContain('committed');
    });

    it('writes nothing when it asks to roll back, and still returns its result', async () => {
      const result = await store.unitOfWork(async (unit) => {
        await record(unit.repositories, 'rolled back');
        unit.rollback();
        return 'tried';
      });
      expect(result).toBe('tried');
      expect(await recordedBy()).not.toContain('rolled back');
    });

    it('writes nothing when it throws, and the error reaches the caller', async () => {
      await expect(store.unitOfWork(async ({ repositories }) => {
        await record(repositories, 'thrown');
        throw new Error('refused');
      })).rejects.toThrow('refused');
      expect(await recordedBy()).not.toContain('thrown');
    });

    it('is never seen half-done by reads outside it', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let written!: () => void;
      const hasWritten = new Promise<void>((resolve) => { written = resolve; });
      const unit = store.unitOfWork(async (work) => {
        await record(work.repositories, 'never committed');
        written();
        await held;
        work.rollback();
      });
      await hasWritten;
      const readDuring = recordedBy();
      release();
      await unit;
      expect(await readDuring).not.toContain('never committed');
    });

    it('takes turns with other units, each whole', async () => {
      // What each unit writes at its start and at its end, a moment apart: in the database's own
      // order (newest first), one unit's writes never fall between another's.
      const unit = (name: string) => store.unitOfWork(async ({ repositories }) => {
        await record(repositories, `${name} begins`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await record(repositories, `${name} ends`);
      });
      await Promise.all([unit('first'), unit('second')]);
      const written = (await recordedBy()).filter((name) => /^(first|second) /.test(name)).reverse();
      // Which takes its turn first is the database's to decide (on a busy machine, the second may
      // reach it first); that neither interleaves with the other is the point.
      const whole = (one: string, other: string) => [`${one} begins`, `${one} ends`, `${other} begins`, `${other} ends`];
      expect([whole('first', 'second'), whole('second', 'first')]).toContainEqual(written);
    });
  });
});
