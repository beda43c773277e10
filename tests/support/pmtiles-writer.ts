import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

/**
 * Copies an MBTiles file into a PMTiles v3 file, for testing that the server serves either. No
 * npm package writes PMTiles, so this writes the spec's simplest valid layout: header, one root
 * directory (uncompressed), metadata, then the tiles as stored (gzipped) in tile-id order.
 */

const HEADER_BYTES = 127;

function varints(values: number[]): number[] {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return bytes;
}

export function copyMBTilesToPMTiles(mbtilesPath: string, pmtilesPath: string): number {
  const database = new Database(mbtilesPath, { readonly: true });
  const rows = database.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS row, tile_data AS data FROM tiles').all() as Array<{ z: number; x: number; row: number; data: Buffer }>;
  const metadata = Object.fromEntries((database.prepare('SELECT name, value FROM metadata').all() as Array<{ name: string; value: string }>).map(({ name, value }) => [name, value]));
  database.close();

  const tiles = rows.map((tile) => ({ id: zxyToTileId(tile.z, tile.x, 2 ** tile.z - 1 - tile.row), data: tile.data })).sort((a, b) => a.id - b.id);
  let offset = 0;
  const entries = tiles.map((tile) => {
    const entry = { id: tile.id, offset, length: tile.data.length };
    offset += tile.data.length;
    return entry;
  });
  const directory = Buffer.from([
    ...varints([entries.length]),
    ...varints(entries.map((entry, index) => entry.id - (index > 0 ? entries[index - 1]!.id : 0))),
    ...varints(entries.map(() => 1)),
    ...varints(entries.map((entry) => entry.length)),
    // Each tile follows the one before, which the spec writes as 0; only the first has an offset (+1).
    ...varints(entries.map((entry, index) => (index === 0 ? entry.offset + 1 : 0))),
  ]);
  const json = Buffer.from(metadata.json ?? '{}');
  const data = Buffer.concat(tiles.map((tile) => tile.data));
  const [west, south, east, north] = (metadata.bounds ?? '-180,-85,180,85').split(',').map(Number) as [number, number, number, number];
  const minZoom = Math.min(...rows.map((row) => row.z));
  const maxZoom = Math.max(...rows.map((row) => row.z));

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const sections = [
    HEADER_BYTES, directory.length, // root directory
    HEADER_BYTES + directory.length, json.length, // metadata
    HEADER_BYTES + directory.length + json.length, 0, // no leaf directories
    HEADER_BYTES + directory.length + json.length, data.length, // tile data
    tiles.length, tiles.length, tiles.length, // addressed tiles, entries, contents
  ];
  sections.forEach((value, index) => header.writeBigUInt64LE(BigInt(value), 8 + index * 8));
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(Compression.None, 97);
  header.writeUInt8(Compression.Gzip, 98);
  header.writeUInt8(TileType.Mvt, 99);
  header.writeUInt8(minZoom, 100);
  header.writeUInt8(maxZoom, 101);
  [west, south, east, north].forEach((value, index) => header.writeInt32LE(Math.round(value * 1e7), 102 + index * 4));
  header.writeUInt8(minZoom, 118);
  header.writeInt32LE(Math.round(((west + east) / 2) * 1e7), 119);
  header.writeInt32LE(Math.round(((south + north) / 2) * 1e7), 123);
  writeFileSync(pmtilesPath, Buffer.concat([header, directory, json, data]));
  return tiles.length;
}
