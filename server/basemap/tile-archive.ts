import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PMTiles, type Source } from 'pmtiles';
import { openMBTiles } from './mbtiles.ts';

/**
 * A base-map tile archive on disk, MBTiles or PMTiles (by the file's extension), read by XYZ
 * coordinates. MBTiles tiles come back as stored, with whether they are gzipped, so the server
 * passes them on without recompressing; the PMTiles reader hands them back decompressed.
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

/** PMTiles read through its maintained reader, from the file by byte range. */
async function pmtilesArchive(path: string): Promise<TileArchive> {
  const file = await open(path, 'r');
  const source: Source = {
    getKey: () => path,
    async getBytes(offset, length) {
      const data = new Uint8Array(length);
      const { bytesRead } = await file.read(data, 0, length, offset);
      return { data: data.buffer.slice(0, bytesRead) };
    },
  };
  const archive = new PMTiles(source);
  return {
    async tile(z, x, y) {
      const tile = await archive.getZxy(z, x, y);
      return tile ? { data: Buffer.from(tile.data), gzipped: false } : undefined;
    },
    async describe() {
      const header = await archive.getHeader();
      const metadata = (await archive.getMetadata()) as { vector_layers?: unknown[] };
      return {
        minzoom: header.minZoom,
        maxzoom: header.maxZoom,
        bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
        vectorLayers: metadata.vector_layers ?? [],
      };
    },
    async close() {
      await file.close();
    },
  };
}

export async function openTileArchive(path: string): Promise<TileArchive> {
  return path.toLowerCase().endsWith('.pmtiles') ? pmtilesArchive(path) : mbtilesArchive(path);
}

/** The archive at a path as it is on disk now, and which file that is (for tile URLs that change when it does). */
export interface WatchedTileArchive {
  current(): Promise<{ archive: TileArchive; version: string } | null>;
  close(): Promise<void>;
}

/**
 * The archive at `path`, opened when it appears and opened again when it is replaced (an import
 * renames a new file into place), looked at no more than once every `checkEveryMilliseconds`.
 * The file replaced stays open a few seconds for the reads already under way.
 */
export function watchTileArchive(path: string, checkEveryMilliseconds = 1000): WatchedTileArchive {
  let opened: { archive: TileArchive; version: string } | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<void> | null = null;
  const versionOnDisk = () => {
    try {
      const stats = statSync(path);
      return createHash('sha1').update(`${stats.ino}:${stats.mtimeMs}:${stats.size}`).digest('hex').slice(0, 12);
    } catch {
      return null;
    }
  };
  async function check(): Promise<void> {
    const version = versionOnDisk();
    if (version === (opened?.version ?? null)) return;
    const previous = opened?.archive;
    opened = version ? { archive: await openTileArchive(path), version } : null;
    if (previous) setTimeout(() => void previous.close(), 5000).unref();
  }
  return {
    async current() {
      if (performance.now() - checkedAt >= checkEveryMilliseconds) {
        checkedAt = performance.now();
        checking ??= check().finally(() => { checking = null; });
      }
      if (checking) await checking;
      return opened;
    },
    async close() {
      await opened?.archive.close();
      opened = null;
    },
  };
}
