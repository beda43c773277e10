import pino from 'pino';
import { loadConfig } from './config.ts';
import { openDatabase } from './database/open.ts';
import { openStores } from './open-stores.ts';
import { createSqliteStore } from './sqlite/store.ts';
import { districtStoreOf, type DistrictStore } from './store/districts.ts';

/** The districts of the installation the environment names (CIVGRID_DB, or CIVGRID_DATABASE_URL), for the command-line tools. */
export async function openDistricts(): Promise<{ districts: DistrictStore[]; close: () => Promise<void> }> {
  const config = loadConfig(process.env);
  if (config.databaseUrl) {
    const { districts, release } = await openStores(config, pino({ level: 'warn' }));
    return { districts, close: async () => { await Promise.all(districts.map(({ store }) => store.close())); await release(); } };
  }
  const store = createSqliteStore(openDatabase(config.databasePath));
  if (!await store.district()) {
    await store.close();
    throw new Error(`${config.databasePath} holds no district yet; start the server once (npm start) and name it`);
  }
  return { districts: [await districtStoreOf(store)], close: () => store.close() };
}

/** The district a command names with --district, or the only one. */
export function chosenDistrict(districts: readonly DistrictStore[], code: string | undefined): DistrictStore {
  const served = code ? districts.find(({ district }) => district.code === code) : districts.length === 1 ? districts[0] : undefined;
  if (!served) throw new Error(`name the district with --district: ${districts.map(({ district }) => district.code).join(', ')}`);
  return served;
}
