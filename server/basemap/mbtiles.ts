import Database from 'better-sqlite3';
import { renameSync, rmSync } from 'node:fs';
import type { VectorTile } from './vector-tiles.ts';

/**
 * MBTiles 1.3 files: an SQLite database of tiles (rows in TMS order, y counted from the south)
 * and metadata. Written to a temporary file and renamed, so a reader never sees half a file.
 */

export interface MBTilesMetadata {
  name: string;
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  /** TileJSON vector_layers: the source layers a style can use. */
  vectorLayers: Array<{ id: string; fields: Record<string, string> }>;
}

export function writeMBTiles(path: string, tiles: Iterable<VectorTile>, metadata: MBTilesMetadata): number {
  const temporary = `${path}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  const database = new Database(temporary);
  let written = 0;
  try {
    database.exec(`
      CREATE TABLE metadata (name TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL,
        PRIMARY KEY (zoom_level, tile_column, tile_row));
    `);
    const insertMetadata = database.prepare('INSERT INTO metadata (name, value) VALUES (@name, @value)');
    const insertTile = database.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (@z, @x, @row, @data)');
    database.transaction(() => {
      const [west, south, east, north] = metadata.bounds;
      const entries: Record<string, string> = {
        name: metadata.name,
        format: 'pbf',
        type: 'baselayer',
        version: '1',
        minzoom: String(metadata.minzoom),
        maxzoom: String(metadata.maxzoom),
        bounds: metadata.bounds.join(','),
        center: [(west + east) / 2, (south + north) / 2, metadata.minzoom + 3].join(','),
        json: JSON.stringify({ vector_layers: metadata.vectorLayers.map((layer) => ({ ...layer, minzoom: metadata.minzoom, maxzoom: metadata.maxzoom })) }),
      };
      for (const [name, value] of Object.entries(entries)) insertMetadata.run({ name, value });
      for (const tile of tiles) {
        insertTile.run({ z: tile.z, x: tile.x, row: 2 ** tile.z - 1 - tile.y, data: tile.data });
        written += 1;
      }
    })();
  } finally {
    database.close();
  }
  renameSync(temporary, path);
  return written;
}

/** Reads tiles by XYZ coordinates from an MBTiles file. */
export function openMBTiles(path: string) {
  const database = new Database(path, { readonly: true, fileMustExist: true });
  const tile = database.prepare('SELECT tile_data FROM tiles WHERE zoom_level = @z AND tile_column = @x AND tile_row = @row').pluck();
  const metadata = database.prepare('SELECT name, value FROM metadata');
  return {
    tile(z: number, x: number, y: number): Buffer | undefined {
      return tile.get({ z, x, row: 2 ** z - 1 - y }) as Buffer | undefined;
    },
    metadata(): Record<string, string> {
      return Object.fromEntries((metadata.all() as Array<{ name: string; value: string }>).map(({ name, value }) => [name, value]));
    },
    close: () => database.close(),
  };
}
