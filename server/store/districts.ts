import type { Store } from './store.ts';

/**
 * A district (区) whose grids, people and problems CivGrid holds. A city runs several in one
 * installation; each district's data lives apart (a SQLite file, or a PostgreSQL schema of its
 * own), so no query of one can reach another's rows.
 */
export interface District {
  /** In URLs and schema names: lower-case letters, digits and underscores (a pinyin name, or the 行政区划代码). */
  code: string;
  name: string;
}

/** What a district code may be; it goes into URLs and PostgreSQL schema names unquoted. */
export const DISTRICT_CODE_PATTERN = '^[a-z0-9][a-z0-9_]{0,30}$';
const DISTRICT_CODE = new RegExp(DISTRICT_CODE_PATTERN);

export function isDistrictCode(code: string): boolean {
  return DISTRICT_CODE.test(code);
}

/** The fictional district the demo seeds. */
export const DEMO_DISTRICT: District = { code: 'qingchuan', name: '青川区' };

/** A district and the store its data lives in. */
export interface DistrictStore {
  district: District;
  store: Store;
}

/** A store paired with the district it holds; one that holds none yet cannot be served. */
export async function districtStoreOf(store: Store): Promise<DistrictStore> {
  const district = await store.district();
  if (!district) throw new Error(`the database at ${store.location} holds no district yet`);
  return { district, store };
}
