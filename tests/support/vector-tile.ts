import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { gunzipSync } from 'node:zlib';

/** Decodes a gzipped vector tile into layer name → feature properties, for assertions. */
export function decodeTile(gzipped: Buffer): Record<string, Array<Record<string, unknown>>> {
  const tile = new VectorTile(new PbfReader(gunzipSync(gzipped)));
  return Object.fromEntries(Object.entries(tile.layers).map(([name, layer]) => [
    name,
    Array.from({ length: layer.length }, (_, index) => layer.feature(index).properties as Record<string, unknown>),
  ]));
}
