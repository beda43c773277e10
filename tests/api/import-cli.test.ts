import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { createSqliteStore } from '../../server/sqlite/store.ts';
import { openDatabase } from '../../server/database/open.ts';
import { organizationWorkbook } from '../../server/import/organization-template.ts';
import { currentOrganization } from '../../server/services/imports.ts';
import Database from 'better-sqlite3';
import { createSeededDatabase, type TestDatabase } from '../support/test-database.ts';
import { XIACHENG_DIRECTORY, xiachengRoadsIn } from '../support/xiacheng-fixtures.ts';
import { runCommand } from '../support/command-line.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { pointOnFeature } from '@turf/turf';
import { exportWorkbook, HOTLINE_HEADERS, toGcj02, type ExportRow } from '../support/problem-exports.ts';
import { DAY_MS, formatChinaDateTime } from '../../server/domain/china-time.ts';

/** `npm run import` does what the admin page does, from a terminal. */

const runImport = (database: string, args: string[], input = '', environment: Record<string, string> = {}) => runCommand('server/import-cli.ts', database, args, input, environment);

describe('npm run import -- grids', () => {
  let seeded: TestDatabase;
  beforeAll(() => {
    seeded = createSeededDatabase(100);
    seeded.database.close();
  });
  afterAll(() => seeded.remove());
  const gridsInForce = () => {
    const reader = new Database(seeded.path, { readonly: true });
    try {
      return reader.prepare('SELECT code FROM grids WHERE retired_at IS NULL ORDER BY code').pluck().all();
    } finally {
      reader.close();
    }
  };

  it('prints every defect of a broken file, changes nothing and exits 1', async () => {
    const result = await runImport(seeded.path, ['grids', resolve(XIACHENG_DIRECTORY, 'grids-broken.geojson'), '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/^error {3}\w+/gm)).toEqual(['error   self_intersection', 'error   unclosed_ring', 'error   null_geometry', 'error   duplicate_code', 'error   block_overlap']);
    expect(result.stdout).toMatch(/nothing was changed/);
    expect(gridsInForce()).toHaveLength(65);
  });

  it('refuses to apply unaccepted warnings, then applies the GBK Gauss-Krüger Shapefile with --accept-warnings', async () => {
    const file = resolve(XIACHENG_DIRECTORY, 'grids-cgcs2000-gk3-120e.zip');
    const unaccepted = await runImport(seeded.path, ['grids', file]);
    expect(unaccepted.code).toBe(1);
    expect(unaccepted.stderr).toMatch(/^civgrid import: the report has 2 warning\(s\) \(grid_count_changed, far_from_district\)/);
    expect(gridsInForce()).toHaveLength(65);
    const applied = await runImport(seeded.path, ['grids', file, '--accept-warnings']);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toMatch(/^coordinate system: EPSG:4549 CGCS2000 3° GK CM 120E \(file\)$/m);
    expect(applied.stdout).toMatch(/^changes: 74 added, 65 retired, 0 changed, 0 unchanged$/m);
    expect(applied.code).toBe(0);
    expect(gridsInForce()).toEqual(Array.from({ length: 74 }, (_, index) => `G${String(index + 1).padStart(2, '0')}`));
  });

  /** The district's organization as its export gives it, to change and import again. */
  const exportedOrganization = async () => {
    const store = createSqliteStore(openDatabase(seeded.path));
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(await organizationWorkbook(await currentOrganization(store))) as unknown as ArrayBuffer);
    } finally {
      await store.close();
    }
    return workbook;
  };

  it('imports an organization workbook, naming each problem by sheet, row and column', async () => {
    const workbook = await exportedOrganization();
    workbook.getWorksheet('网格责任')!.getRow(3).getCell(3).value = '无名氏';
    const path = join(dirname(seeded.path), 'organization.xlsx');
    await workbook.xlsx.writeFile(path);
    const refused = await runImport(seeded.path, ['organization', path, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^error {3}网格责任!3: 包片领导: no leader named 无名氏 in the sheet 领导 or the district$/m);
  });

  it('adds the workbook\'s new accounts, printing their one-time passwords once', async () => {
    const workbook = await exportedOrganization();
    workbook.getWorksheet('账号')!.addRow(['cli01', '钱江', '责任单位', workbook.getWorksheet('部门')!.getRow(2).getCell(1).text, '']);
    const path = join(dirname(seeded.path), 'accounts.xlsx');
    await workbook.xlsx.writeFile(path);
    // The district's grids came from a file a moment ago and have no leader yet: exported so, they import again as they are.
    const applied = await runImport(seeded.path, ['organization', path, '--accept-warnings']);
    expect(applied.stderr).toBe('');
    expect(applied.code, `${applied.stdout}${applied.stderr}`).toBe(0);
    const [, password] = applied.stdout.match(/^ {2}cli01\t钱江\t([A-Za-z0-9]{12})$/m) ?? [];
    expect(password).toHaveLength(12);
    const reader = new Database(seeded.path, { readonly: true });
    try {
      expect(reader.prepare("SELECT must_change_password FROM accounts WHERE username = 'cli01'").pluck().get()).toBe(1);
      expect(reader.prepare('SELECT count(*) FROM imports WHERE report LIKE ?').pluck().get(`%${password}%`)).toBe(0);
    } finally {
      reader.close();
    }
  });

  it('cuts the site\'s own roads into the base map\'s tiles', async () => {
    const layers = join(dirname(seeded.path), 'basemap');
    const path = join(dirname(seeded.path), '道路.geojson');
    writeFileSync(path, JSON.stringify(xiachengRoadsIn('EPSG:4549')));
    const environment = { CIVGRID_BASEMAP_LAYERS: layers };
    const unaccepted = await runImport(seeded.path, ['basemap', path, '--layer', 'roads', '--crs', 'EPSG:4549'], '', environment);
    expect(unaccepted.stdout).toMatch(/^features: primary 1, secondary 1, branch 1; 1 left out$/m);
    expect(unaccepted.code).toBe(1);
    const applied = await runImport(seeded.path, ['basemap', path, '--layer', 'roads', '--crs', 'EPSG:4549', '--accept-warnings'], '', environment);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toMatch(/^applied: \d+ tiles built; layers of another place emptied: water, parks, blocks, places$/m);
    expect((JSON.parse(readFileSync(join(layers, 'roads.geojson'), 'utf8')) as { features: unknown[] }).features).toHaveLength(3);
  });

  it('imports an inspection point workbook, naming each problem by sheet, row and column', async () => {
    const path = join(dirname(seeded.path), 'points.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('点位').addRows([['点位名称', '点位类型', '经度', '纬度', '所属网格', '责任单位', '责任人'], ['某点', '游乐场', 120, 30, '', '某局', '某人']]);
    workbook.addWorksheet('测评').addRows([['点位名称', '测评日期', '测评方', '观测项数', '不合格项数', '得分率', '结论']]);
    await workbook.xlsx.writeFile(path);
    const refused = await runImport(seeded.path, ['points', path, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^error {3}点位!2: 点位类型: '游乐场' is not one of the 26 point types/m);
  });

  it('says what is wrong with the command', async () => {
    const result = await runImport(seeded.path, ['grids']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^civgrid import: usage: npm run import -- problems EXPORT.xlsx\|EXPORT.csv --source-system NAME .*\n(.*\n)? +npm run import -- organization WORKBOOK.xlsx .*\n +npm run import -- points WORKBOOK.xlsx .*\n +npm run import -- grids FILE/);
  });
});

describe('npm run import -- problems', () => {
  let seeded: TestDatabase;
  beforeAll(() => {
    seeded = createSeededDatabase(100);
    seeded.database.close();
  });
  afterAll(() => seeded.remove());
  const read = <T>(query: string) => {
    const reader = new Database(seeded.path, { readonly: true });
    try {
      return reader.prepare(query).pluck().all() as T[];
    } finally {
      reader.close();
    }
  };

  it('dry-runs a GCJ-02 hotline export, then applies it; the rows are dated from the clock the command runs on', async () => {
    const [geometry] = read<string>("SELECT geometry FROM grids WHERE code = 'B05'");
    const [longitude, latitude] = toGcj02(pointOnFeature(JSON.parse(geometry!)).geometry.coordinates as [number, number]);
    const [category] = read<string>('SELECT name FROM issue_categories WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1');
    const [department] = read<string>('SELECT name FROM departments ORDER BY id LIMIT 1');
    const daysAgo = (days: number) => formatChinaDateTime(Date.now() - days * DAY_MS);
    const rows = [1, 2, 3].map((index): ExportRow => [`GD-${index}`, daysAgo(10 + index), category!, '垃圾', '某路', longitude, latitude, '已办结', department!, '', daysAgo(index)]);
    const path = join(dirname(seeded.path), '12345.xlsx');
    writeFileSync(path, await exportWorkbook(HOTLINE_HEADERS.slice(0, 11), rows));
    const before = read<number>('SELECT count(*) FROM issues')[0];

    const dry = await runImport(seeded.path, ['problems', path, '--source-system', '12345', '--crs', 'GCJ-02', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toMatch(/^rows: 3; to add 3; skipped: 0 repeated in the file, 0 imported before; 0 placed by grid code$/m);
    expect(dry.stdout).toMatch(/^states: closed 3$/m);
    expect(read<number>('SELECT count(*) FROM issues')[0]).toBe(before);

    const applied = await runImport(seeded.path, ['problems', path, '--source-system', '12345', '--crs', 'GCJ-02']);
    expect(applied.stdout).toMatch(/^applied: 3 problems added$/m);
    expect(read<string>("SELECT g.code FROM issues i JOIN grids g ON g.id = i.grid_id WHERE i.source_system = '12345' ORDER BY i.source_reference")).toEqual(['B05', 'B05', 'B05']);
    const again = await runImport(seeded.path, ['problems', path, '--source-system', '12345', '--crs', 'GCJ-02']);
    expect(again.stdout).toMatch(/to add 0; skipped: 0 repeated in the file, 3 imported before/);
    expect((await runImport(seeded.path, ['problems', path])).stderr).toMatch(/--source-system names the system/);
  });
});
