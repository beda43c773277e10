import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString, Position } from 'geojson';
import { prepareBasemapLayer, roadClassOf } from '../../server/import/basemap-import.ts';
import { xiachengRoads, xiachengRoadsIn } from '../support/xiacheng-fixtures.ts';

const fileOf = (collection: FeatureCollection, name = 'roads.geojson') => ({ name, bytes: new TextEncoder().encode(JSON.stringify(collection)) });
const firstLine = (collection: FeatureCollection) => (collection.features[0]!.geometry as LineString).coordinates;

describe('a road\'s class', () => {
  it('is read from the words GIS departments and OpenStreetMap use', () => {
    expect(['主干路', '城市快速路', 'primary', 'trunk_link', '省道'].map(roadClassOf)).toEqual(['primary', 'primary', 'primary', 'primary', 'primary']);
    expect(['次干路', 'secondary', 'tertiary', '县道'].map(roadClassOf)).toEqual(['secondary', 'secondary', 'secondary', 'secondary']);
    expect(['支路', 'residential', '', null].map(roadClassOf)).toEqual(['branch', 'branch', 'branch', 'branch']);
  });
});

describe('a base-map layer from a GIS file', () => {
  const truth = xiachengRoads();
  const centre: Position = [120.17, 30.28];

  it('keeps the layer\'s lines in WGS84 within a metre, named and classed, and leaves out what is no line', async () => {
    for (const system of ['GCJ-02', 'EPSG:4549']) {
      const { report, layer } = await prepareBasemapLayer(fileOf(xiachengRoadsIn(system)), { layer: 'roads', coordinateSystem: system }, centre);
      expect(report.mapping).toEqual({ name: '名称', class: '道路等级' });
      expect(report.kept).toEqual({ primary: 1, secondary: 1, branch: 1 });
      expect(report.skipped).toBe(1);
      expect(report.warnings.map((warning) => warning.code)).toEqual(['features_skipped']);
      expect(layer.features.map((feature) => feature.properties)).toEqual([{ name: '体育场路', class: 'primary' }, { name: '凤起路', class: 'secondary' }, { name: '长寿路', class: 'branch' }]);
      firstLine(layer).forEach((position, index) => {
        const [longitude, latitude] = firstLine(truth)[index]!;
        expect(Math.abs(position[0]! - longitude!) * 96_000).toBeLessThan(1);
        expect(Math.abs(position[1]! - latitude!) * 111_000).toBeLessThan(1);
      });
    }
  });

  it('warns of a layer far from the district, and refuses one that is not in China or has none of the layer\'s geometry', async () => {
    const far = await prepareBasemapLayer(fileOf(truth), { layer: 'roads', coordinateSystem: 'EPSG:4326' }, [117.0, 36.6]);
    expect(far.report.warnings.map((warning) => warning.code)).toContain('far_from_district');
    const abroad = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[2.35, 48.85], [2.36, 48.86]] } }] } as FeatureCollection;
    expect((await prepareBasemapLayer(fileOf(abroad), { layer: 'roads', coordinateSystem: 'EPSG:4326' }, centre)).report.errors.map((error) => error.code)).toEqual(['outside_china']);
    expect((await prepareBasemapLayer(fileOf(truth), { layer: 'water', coordinateSystem: 'EPSG:4326' }, centre)).report.errors.map((error) => error.code)).toEqual(['no_features']);
    await expect(prepareBasemapLayer(fileOf(truth), { layer: 'roads', coordinateSystem: 'EPSG:4326', nameAttribute: '路名' }, centre)).rejects.toThrow(/no attribute '路名'/);
  });
});
