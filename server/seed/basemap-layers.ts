import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { writeDistrictTiles } from '../basemap/district-tiles.ts';
import { DISTRICT_NAME } from './names.ts';
import { toLngLat, type DistrictLayout, type Metres } from './district-layout.ts';
import { ringBounds } from './geometry-sampling.ts';
import type { InspectionPointRecord } from './inspection-points.ts';
import type { Organization } from './organization.ts';

/** The base-map layers the offline map draws: roads, water, parks, blocks and named places. */
export interface BasemapLayers {
  roads: FeatureCollection;
  water: FeatureCollection;
  parks: FeatureCollection;
  blocks: FeatureCollection;
  places: FeatureCollection;
}

const line = (points: Metres[]) => ({ type: 'LineString' as const, coordinates: points.map(toLngLat) });
const polygon = (ring: Metres[]) => ({ type: 'Polygon' as const, coordinates: [ring.map(toLngLat)] });
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

const LANDMARK_TYPES = new Set(['school', 'hospital', 'government_service_hall', 'public_square', 'cultural_facility', 'market', 'shopping_mall']);

export function buildBasemapLayers(layout: DistrictLayout, organization: Organization, points: InspectionPointRecord[]): BasemapLayers {
  const roads = collection([
    ...layout.mainRoads.map((road) => ({ type: 'Feature' as const, properties: { name: road.name, class: 'primary' }, geometry: line(road.centreLine) })),
    ...layout.boundaryRoads.map((road) => ({ type: 'Feature' as const, properties: { name: road.name, class: 'secondary' }, geometry: line(road.centreLine) })),
    { type: 'Feature', properties: { name: layout.riversideRoad.name, class: 'secondary' }, geometry: line(layout.riversideRoad.centreLine) },
    ...layout.minorRoads.map((road) => ({ type: 'Feature' as const, properties: { name: road.name, class: 'branch' }, geometry: line(road.centreLine) })),
  ]);
  const water = collection([
    { type: 'Feature', properties: { name: layout.river.name, class: 'river' }, geometry: polygon(layout.river.ring) },
  ]);
  const parks = collection(layout.parks.map((park) => ({ type: 'Feature', properties: { name: park.name }, geometry: polygon(park.ring) })));
  const blocks = collection(organization.grids.filter((grid) => grid.kind === 'block').map((grid) => ({
    type: 'Feature', properties: { name: grid.name }, geometry: grid.geometry,
  })));
  const districtBounds = ringBounds(layout.districtRing);
  const streetOffices = organization.streets.map((street) => {
    const streetBlocks = layout.blocks.filter((_, index) => organization.grids[index]!.streetId === street.id);
    const centre = streetBlocks[Math.floor(streetBlocks.length / 2)]!.centre;
    return { type: 'Feature' as const, properties: { name: street.name, class: 'street_office' }, geometry: { type: 'Point' as const, coordinates: toLngLat(centre) } };
  });
  const places = collection([
    {
      type: 'Feature', properties: { name: DISTRICT_NAME, class: 'district' },
      geometry: { type: 'Point', coordinates: toLngLat([(districtBounds[0] + districtBounds[2]) / 2, (districtBounds[1] + districtBounds[3]) / 2]) },
    },
    ...streetOffices,
    ...points.filter((point) => LANDMARK_TYPES.has(point.type)).map((point) => ({
      type: 'Feature' as const, properties: { name: point.name, class: point.type }, geometry: { type: 'Point' as const, coordinates: [point.longitude, point.latitude] },
    })),
  ]);
  return { roads, water, parks, blocks, places };
}

/** Writes each layer as GeoJSON and all of them as the vector tiles the map draws. */
export function writeBasemapLayers(directory: string, layers: BasemapLayers): void {
  mkdirSync(directory, { recursive: true });
  for (const [name, layer] of Object.entries(layers)) {
    writeFileSync(join(directory, `${name}.geojson`), JSON.stringify(layer));
  }
  writeDistrictTiles(directory, { ...layers });
}
