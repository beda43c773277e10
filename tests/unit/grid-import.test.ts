import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { geoJSONToWkt } from 'betterknown';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { prepareGridImport, type PreparedGridImport } from '../../server/import/grid-import.ts';
import { fromWgs84, guessSystem, systemOfProjectionText, toWgs84 } from '../../server/import/coordinate-systems.ts';
import { ImportFileError } from '../../server/import/import-errors.ts';
import { createGridLookup } from '../../server/domain/grid-lookup.ts';
import { vertexDistanceMetres, xiachengFile, xiachengProbes, xiachengTruth } from '../support/xiacheng-fixtures.ts';

const truth = xiachengTruth();
const truthByCode = new Map(truth.map((grid) => [grid.properties.code, grid]));

function expectTruth(prepared: PreparedGridImport) {
  const { report, grids } = prepared;
  expect(report.errors).toEqual([]);
  expect(grids.map((grid) => grid.code)).toEqual(truth.map((grid) => grid.properties.code));
  for (const grid of grids) {
    const expected = truthByCode.get(grid.code)!;
    expect(grid.name).toBe(expected.properties.name);
    expect(vertexDistanceMetres(grid.geometry, expected.geometry), grid.code).toBeLessThan(1);
  }
  // Every probe lands in the grid the fixture expects (or none).
  const lookup = createGridLookup(grids);
  for (const probe of xiachengProbes()) expect(lookup(probe.longitude, probe.latitude), probe.id).toBe(probe.expectedCode);
}

const mapPositions = (geometry: Polygon | MultiPolygon, convert: (position: Position) => Position): Polygon | MultiPolygon =>
  geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(convert)) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.map((ring) => ring.map(convert))) };

/** The truth written in another system, as a GeoJSON whose `crs` member names it (or not). */
function truthIn(code: string, stateIt: boolean): { name: string; bytes: Uint8Array } {
  const convert = fromWgs84(code);
  const collection = {
    type: 'FeatureCollection',
    ...(stateIt ? { crs: { type: 'name', properties: { name: `urn:ogc:def:crs:${code.replace(':', '::')}` } } } : {}),
    features: truth.map((grid) => ({ type: 'Feature', properties: { 网格编码: grid.properties.code, 网格名称: grid.properties.name }, geometry: mapPositions(grid.geometry, convert) })),
  };
  return { name: 'grids.geojson', bytes: strToU8(JSON.stringify(collection)) };
}

describe('importing the real district of 下城区 from every format its offices ship', () => {
  it('reads the GBK Shapefile in CGCS2000 3° Gauss-Krüger CM 120E from its .prj and .cpg', async () => {
    const prepared = await prepareGridImport(xiachengFile('grids-cgcs2000-gk3-120e.zip'), {}, []);
    expect(prepared.report.coordinateSystem).toMatchObject({ code: 'EPSG:4549', from: 'file' });
    expect(prepared.report.file.encoding).toEqual({ name: 'gbk', from: 'cpg' });
    expect(prepared.report.mapping).toEqual({ code: '网格编码', name: '网格名称' });
    expectTruth(prepared);
  });

  it('reads the zone-prefixed variant (EPSG:4528, eastings of 40 514 239 m)', async () => {
    const prepared = await prepareGridImport(xiachengFile('grids-cgcs2000-gk3-zone40.zip'), {}, []);
    expect(prepared.report.coordinateSystem.code).toBe('EPSG:4528');
    expectTruth(prepared);
  });

  it('detects GBK when the .cpg is missing, and garbles nothing', async () => {
    const entries = unzipSync(xiachengFile('grids-cgcs2000-gk3-120e.zip').bytes);
    delete entries['grids.cpg'];
    const prepared = await prepareGridImport({ name: 'no-cpg.zip', bytes: zipSync(entries) }, {}, []);
    expect(prepared.report.file.encoding).toEqual({ name: 'gbk', from: 'detected' });
    expectTruth(prepared);
  });

  it('reads a UTF-8 .dbf without a .cpg as UTF-8', async () => {
    const entries = unzipSync(xiachengFile('grids-cgcs2000-gk3-120e.zip').bytes);
    delete entries['grids.cpg'];
    entries['grids.dbf'] = recodeDbf(entries['grids.dbf']!);
    const prepared = await prepareGridImport({ name: 'utf8.zip', bytes: zipSync(entries) }, {}, []);
    expect(prepared.report.file.encoding).toEqual({ name: 'utf-8', from: 'detected' });
    expectTruth(prepared);
  });

  it('converts the GCJ-02 (AMap) and BD-09 (Baidu) exports when they are declared', async () => {
    expectTruth(await prepareGridImport(xiachengFile('grids-gcj02.geojson'), { coordinateSystem: 'GCJ-02' }, []));
    expectTruth(await prepareGridImport(xiachengFile('grids-bd09.geojson'), { coordinateSystem: 'bd09' }, []));
  });

  it('takes an undeclared GCJ-02 file as WGS84, and says a web map\'s export must be declared', async () => {
    const { report, grids } = await prepareGridImport(xiachengFile('grids-gcj02.geojson'), {}, []);
    expect(report.coordinateSystem).toMatchObject({ code: 'EPSG:4326', from: 'assumed' });
    expect(report.coordinateSystem.reason).toMatch(/GCJ-02/);
    // Left unconverted, the grids sit about half a kilometre off.
    expect(vertexDistanceMetres(grids[0]!.geometry, truthByCode.get('G01')!.geometry)).toBeGreaterThan(400);
  });

  it('reads the KML with its MultiGeometry communities', async () => {
    const prepared = await prepareGridImport(xiachengFile('grids-wgs84.kml'), {}, []);
    expect(prepared.report.file.format).toBe('kml');
    expectTruth(prepared);
  });

  it('reads a KMZ (the KML zipped)', async () => {
    const kmz = zipSync({ 'doc.kml': xiachengFile('grids-wgs84.kml').bytes });
    const prepared = await prepareGridImport({ name: 'grids.kmz', bytes: kmz }, {}, []);
    expect(prepared.report.file.format).toBe('kmz');
    expectTruth(prepared);
  });

  it('reads CGCS2000 6° Gauss-Krüger with and without the zone, and Web Mercator, stated in the file', async () => {
    for (const code of ['EPSG:4511', 'EPSG:4510', 'EPSG:4500', 'EPSG:3857', 'EPSG:4490']) {
      const prepared = await prepareGridImport(truthIn(code, true), {}, []);
      expect(prepared.report.coordinateSystem.code, code).toBe(code);
      expectTruth(prepared);
    }
  });

  it('guesses a zone-prefixed 3° system from the eastings alone, and 3° without zone from the district\'s meridian', async () => {
    const prefixed = await prepareGridImport(truthIn('EPSG:4528', false), {}, []);
    expect(prefixed.report.coordinateSystem).toMatchObject({ code: 'EPSG:4528', from: 'guessed' });
    expectTruth(prefixed);
    const current = truth.slice(0, 3).map((grid) => ({ code: grid.properties.code, name: grid.properties.name, kind: 'block' as const, street: null, geometry: grid.geometry, areaSquareMetres: 1 }));
    const withoutZone = await prepareGridImport(truthIn('EPSG:4549', false), {}, current);
    expect(withoutZone.report.coordinateSystem).toMatchObject({ code: 'EPSG:4549', from: 'guessed' });
  });

  it('reads a spreadsheet with a WKT column, xlsx and CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('网格');
    sheet.addRow(['网格编码', '网格名称', '类型', '边界WKT']);
    for (const grid of truth) sheet.addRow([grid.properties.code, grid.properties.name, '块', geoJSONToWkt(grid.geometry)]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const fromXlsx = await prepareGridImport({ name: 'grids.xlsx', bytes: xlsx }, {}, []);
    expect(fromXlsx.report.mapping).toEqual({ code: '网格编码', name: '网格名称', kind: '类型' });
    expectTruth(fromXlsx);
    const csv = await workbook.csv.writeBuffer();
    expectTruth(await prepareGridImport({ name: 'grids.csv', bytes: new Uint8Array(csv) }, {}, []));
  });
});

describe('a broken file is refused with every defect named', () => {
  it('names the five defects of grids-broken.geojson, each at its grid', async () => {
    const { report } = await prepareGridImport(xiachengFile('grids-broken.geojson'), {}, []);
    const byCode = report.errors.map((finding) => [finding.code, finding.gridCodes]);
    expect(byCode).toEqual(expect.arrayContaining([
      ['self_intersection', ['G05']],
      ['duplicate_code', ['G15', 'G15']],
      ['block_overlap', ['G30', 'G31']],
      ['unclosed_ring', ['G44']],
      ['null_geometry', ['G60']],
    ]));
    expect(report.errors).toHaveLength(5);
    const overlap = report.errors.find((finding) => finding.code === 'block_overlap')!;
    // The fixture's overlap is 46,503 m² (GEOS, projected); turf's spherical area agrees within 1%.
    expect(overlap.areaSquareMetres! / 46_503).toBeCloseTo(1, 1);
    const crossing = report.errors.find((finding) => finding.code === 'self_intersection')!;
    expect(crossing.at![0]).toBeCloseTo(120.154083, 4);
    expect(crossing.at![1]).toBeCloseTo(30.26737, 4);
    // G60's missing shape leaves a hole in the district's outline.
    expect(report.warnings.map((finding) => finding.code)).toContain('gap');
  });

  it('says which system numbers in metres probably are when they are read as degrees', async () => {
    const { report } = await prepareGridImport(truthIn('EPSG:4528', false), { coordinateSystem: 'EPSG:4326' }, []);
    expect(report.errors[0]!.code).toBe('outside_china');
    expect(report.errors[0]!.message).toMatch(/EPSG:4528/);
  });

  it('refuses forged and unreadable files with the reason', async () => {
    await expect(prepareGridImport({ name: 'grids.zip', bytes: strToU8('PK\u0003\u0004 not really a zip') }, {}, [])).rejects.toThrow(ImportFileError);
    await expect(prepareGridImport({ name: 'grids.geojson', bytes: strToU8('{"type":"FeatureCollection","features":[') }, {}, [])).rejects.toThrow(/cannot be parsed/);
    await expect(prepareGridImport({ name: 'grids.geojson', bytes: new Uint8Array() }, {}, [])).rejects.toThrow(/empty/);
    await expect(prepareGridImport(xiachengFile('grids-gcj02.geojson'), { mapping: { code: '编号' } }, [])).rejects.toThrow(/no attribute '编号'/);
    await expect(prepareGridImport(xiachengFile('grids-gcj02.geojson'), { coordinateSystem: 'EPSG:9999' }, [])).rejects.toThrow(/not a coordinate system we know/);
  });
});

describe('the checks across a set of grids', () => {
  it('warns when the count changes and when the grids are far from the current ones', async () => {
    const far = [{ code: 'B01', name: '远方', kind: 'block' as const, street: null, areaSquareMetres: 1,
      geometry: { type: 'Polygon' as const, coordinates: [[[116.3, 39.9], [116.31, 39.9], [116.31, 39.91], [116.3, 39.9]]] } }];
    const { report } = await prepareGridImport(xiachengFile('truth-wgs84.geojson'), {}, far);
    expect(report.warnings.map((finding) => finding.code).sort()).toEqual(['far_from_district', 'grid_count_changed']);
    expect(report.warnings.find((finding) => finding.code === 'far_from_district')!.distanceKilometres).toBeGreaterThan(1000);
    expect(report.diff.added).toHaveLength(74);
    expect(report.diff.retired).toEqual([{ code: 'B01', name: '远方', areaSquareMetres: 1 }]);
  });

  it('finds a strip grid that leaves the blocks\' outline', async () => {
    const collection = { type: 'FeatureCollection', features: [
      ...truth.map((grid) => ({ ...grid, properties: { ...grid.properties } })),
      { type: 'Feature', properties: { code: 'S01', name: '跨界道路', kind: 'strip' }, geometry: { type: 'Polygon', coordinates: [[[120.15, 30.28], [120.25, 30.28], [120.25, 30.2805], [120.15, 30.2805], [120.15, 30.28]]] } },
    ] };
    const { report } = await prepareGridImport({ name: 'grids.geojson', bytes: strToU8(JSON.stringify(collection)) }, {}, []);
    expect(report.warnings.map((finding) => [finding.code, finding.gridCodes])).toContainEqual(['strip_outside', ['S01']]);
  });

  it('compares with the grids in force: a redrawn boundary changes area, the rest are unchanged', async () => {
    const first = await prepareGridImport(xiachengFile('truth-wgs84.geojson'), {}, []);
    const again = await prepareGridImport(xiachengFile('grids-wgs84.kml'), { defaultKind: 'block' }, first.grids);
    expect(again.report.diff).toEqual({ added: [], retired: [], changed: [], unchanged: 74 });
    const redrawn = await prepareGridImport(xiachengFile('grids-gcj02.geojson'), { coordinateSystem: 'GCJ-02' }, first.grids);
    expect(redrawn.report.diff.changed.length).toBeGreaterThan(0);
    expect(Math.max(...redrawn.report.diff.changed.map((change) => Math.abs(change.areaChange)))).toBeLessThan(100);
  });
});

describe('coordinate systems', () => {
  it('matches a .prj to its EPSG code and converts with proj4', () => {
    expect(systemOfProjectionText('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBe('EPSG:4490');
    const [longitude, latitude] = toWgs84('EPSG:4549')([514239.28, 3348980.26]);
    expect(longitude).toBeCloseTo(120.148, 3);
    expect(latitude).toBeCloseTo(30.2603, 3);
  });

  it('tells swapped latitude and longitude from numbers in metres', () => {
    expect(guessSystem([30.26, 120.15]).reason).toMatch(/swapped/);
    expect(guessSystem([40_514_239, 3_348_980]).code).toBe('EPSG:4528');
    expect(guessSystem([13_375_000, 3_536_000], 120.2).code).toBe('EPSG:3857');
    expect(guessSystem([21_375_000, 3_336_000], 120.2).code).toBe('EPSG:4499');
  });
});

/**
 * The same .dbf with its GBK text written as UTF-8 (fields widened to hold it), header and records
 * rebuilt. A field name has 10 bytes, too few for four Chinese characters in UTF-8, so the fields
 * are renamed as a UTF-8 export would name them.
 */
function recodeDbf(dbf: Uint8Array): Uint8Array<ArrayBuffer> {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const gbk = new TextDecoder('gbk');
  const fields: Array<{ name: string; type: string; length: number; offset: number }> = [];
  let offset = 1;
  for (let position = 32; dbf[position] !== 0x0d; position += 32) {
    const length = dbf[position + 16]!;
    fields.push({ name: fields.length === 0 ? 'CODE' : 'NAME', type: String.fromCharCode(dbf[position + 11]!), length, offset });
    offset += length;
  }
  const rows = Array.from({ length: records }, (_, row) => fields.map((field) => {
    const start = headerLength + row * recordLength + field.offset;
    return gbk.decode(dbf.subarray(start, start + field.length)).trimEnd();
  }));
  const encoder = new TextEncoder();
  const widths = fields.map((field) => Math.max(field.length, ...rows.map((row) => encoder.encode(row[fields.indexOf(field)]).length)) + 8);
  const newHeaderLength = 32 + fields.length * 32 + 1;
  const newRecordLength = 1 + widths.reduce((sum, width) => sum + width, 0);
  const out = new Uint8Array(newHeaderLength + records * newRecordLength + 1).fill(0x20, newHeaderLength);
  out.set(dbf.subarray(0, 32));
  out[29] = 0;
  const outView = new DataView(out.buffer);
  outView.setUint16(8, newHeaderLength, true);
  outView.setUint16(10, newRecordLength, true);
  fields.forEach((field, index) => {
    const base = 32 + index * 32;
    out.fill(0, base, base + 32);
    out.set(encoder.encode(field.name).subarray(0, 10), base);
    out[base + 11] = field.type.charCodeAt(0);
    out[base + 16] = widths[index]!;
  });
  out[newHeaderLength - 1] = 0x0d;
  rows.forEach((row, rowIndex) => {
    let at = newHeaderLength + rowIndex * newRecordLength + 1;
    row.forEach((value, index) => { out.set(encoder.encode(value), at); at += widths[index]!; });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
