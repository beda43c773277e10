import { openMBTiles } from './mbtiles.ts';

/**
 * A base-map tile archive on disk (MBTiles), read by XYZ coordinates. Tiles come back
 * as stored, with whether they are gzipped, so the server can pass them on without recompressing.
 */

export interface StoredTile {
  data: Buffer;
  gzipped: boolean;
}

export interface TileArchive {
  tile(z: number, x: number, y: number): Promise<StoredTile | undefined>;
  /** TileJSON fields: zoom range and bounds. */
  describe(): Promise<{ minzoom: number; maxzoom: number; bounds: number[]; vectorLayers: unknown[] }>;
  close(): Promise<void>;
}

const isGzip = (data: Buffer) => data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;

function mbtilesArchive(path: string): TileArchive {
  const archive = openMBTiles(path);
  return {
    async tile(z, x, y) {
      const data = archive.tile(z, x, y);
      return data ? { data, gzipped: isGzip(data) } : undefined;
    },
    async describe() {
      const metadata = archive.metadata();
      const json = metadata.json ? JSON.parse(metadata.json) as { vector_layers?: unknown[] } : {};
      return {
        minzoom: Number(metadata.minzoom ?? 0),
        maxzoom: Number(metadata.maxzoom ?? 22),
        bounds: (metadata.bounds ?? '-180,-85,180,85').split(',').map(Number),
        vectorLayers: json.vector_layers ?? [],
      };
    },
    async close() {
      archive.close();
    },
  };
}

export async function openTileArchive(path: string): Promise<TileArchive> {
  return mbtilesArchive(path);
}
