import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpstreamError } from '../errors.ts';

/**
 * A site's own raster tile service (天地图 with its key, an intranet WMTS or XYZ server), reached
 * through our server: browsers then talk to us alone, and a key in the template never leaves it.
 * The template holds `{z}`, `{x}` and `{y}`, e.g.
 * `http://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY`.
 *
 * What comes back is served from our own origin, so it is held to being a tile: no redirect is
 * followed (one to a loopback address was served as a tile), only image types pass, an answer
 * is read up to a size and a time, and tiles are kept in a bounded cache on disk, so the service's
 * quota pays for each tile once.
 */

export interface RasterTile {
  data: Buffer;
  contentType: string;
}

export interface RasterTileSource {
  /** The tile, or undefined where the service has none. */
  tile(z: number, x: number, y: number): Promise<RasterTile | undefined>;
}

export interface RasterTileLimits {
  timeoutMs: number;
  /** The largest tile read; a bigger answer is refused. */
  maximumTileBytes: number;
  /** Where tiles are kept between requests and restarts; none, no cache. */
  cacheDirectory?: string;
  /** How much the cache may hold before the least recently fetched tiles make room. */
  cacheBytes: number;
}

export const DEFAULT_RASTER_LIMITS: RasterTileLimits = { timeoutMs: 10_000, maximumTileBytes: 2 * 1024 * 1024, cacheBytes: 512 * 1024 * 1024 };

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const EXTENSION_OF: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };
const TYPE_OF = Object.fromEntries(Object.entries(EXTENSION_OF).map(([type, extension]) => [extension, type]));

export function rasterTemplateProblem(template: string): string | null {
  let url: URL;
  try {
    url = new URL(template.replaceAll(/\{[zxy]\}/g, '0'));
  } catch {
    return `'${template}' is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `'${url.protocol}' is not http or https`;
  const missing = ['{z}', '{x}', '{y}'].filter((placeholder) => !template.includes(placeholder));
  return missing.length > 0 ? `the template lacks ${missing.join(', ')}` : null;
}

/** The service's host: what logs and errors name, since the rest of a template may hold a key. */
export const rasterServiceHost = (template: string) => new URL(template.replaceAll(/\{[zxy]\}/g, '0')).host;

/** Reads a body up to `limit` bytes; null when it is longer. */
async function readUpTo(response: Response, limit: number): Promise<Buffer | null> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) return null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    length += part.value.byteLength;
    if (length > limit) {
      await reader!.cancel();
      return null;
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}

/** Tiles kept on disk as `z/x/y.ext`, the oldest fetched making room when the cache is full. */
function createTileCache(directory: string, capacityBytes: number) {
  mkdirSync(directory, { recursive: true });
  const sizes = new Map<string, number>();
  // Oldest first: what was already on disk, by when it was fetched.
  const existing = readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(png|jpg|webp)$/.test(entry.name))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const { size, mtimeMs } = statSync(path);
      return { path, size, mtimeMs };
    })
    .sort((a, b) => a.mtimeMs - b.mtimeMs);
  let total = 0;
  for (const { path, size } of existing) {
    sizes.set(path, size);
    total += size;
  }
  const pathOf = (z: number, x: number, y: number, extension: string) => join(directory, String(z), String(x), `${y}.${extension}`);
  const makeRoom = () => {
    for (const [path, size] of sizes) {
      if (total <= capacityBytes) break;
      rmSync(path, { force: true });
      sizes.delete(path);
      total -= size;
    }
  };
  makeRoom();
  return {
    get(z: number, x: number, y: number): RasterTile | undefined {
      for (const [extension, contentType] of Object.entries(TYPE_OF)) {
        const path = pathOf(z, x, y, extension);
        if (sizes.has(path)) return { data: readFileSync(path), contentType };
      }
      return undefined;
    },
    put(z: number, x: number, y: number, tile: RasterTile): void {
      const path = pathOf(z, x, y, EXTENSION_OF[tile.contentType]!);
      mkdirSync(join(directory, String(z), String(x)), { recursive: true });
      // Written aside and renamed, so a crash never leaves half a tile to serve.
      writeFileSync(`${path}.partial`, tile.data);
      renameSync(`${path}.partial`, path);
      total += tile.data.length - (sizes.get(path) ?? 0);
      sizes.delete(path);
      sizes.set(path, tile.data.length);
      makeRoom();
    },
    bytes: () => total,
  };
}

export function createRasterTileSource(template: string, fetchTile: typeof fetch = fetch, limits: Partial<RasterTileLimits> = {}): RasterTileSource & { cachedBytes(): number } {
  const { timeoutMs, maximumTileBytes, cacheDirectory, cacheBytes } = { ...DEFAULT_RASTER_LIMITS, ...limits };
  const problem = rasterTemplateProblem(template);
  if (problem) throw new Error(`CIVGRID_RASTER_TILES: ${problem}`);
  const host = rasterServiceHost(template);
  const cache = cacheDirectory ? createTileCache(cacheDirectory, cacheBytes) : null;
  // A tile asked for again while it is being fetched waits for that fetch rather than starting another.
  const inFlight = new Map<string, Promise<RasterTile | undefined>>();

  async function fetchFromService(z: number, x: number, y: number): Promise<RasterTile | undefined> {
    const url = template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));
    let response: Response;
    try {
      response = await fetchTile(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw new UpstreamError(`the raster tile service at ${host} did not answer`);
    }
    if (response.status === 404 || response.status === 204) return undefined;
    if (response.status >= 300 && response.status < 400) throw new UpstreamError(`the raster tile service at ${host} answered a redirect, which is not followed`);
    if (!response.ok) throw new UpstreamError(`the raster tile service at ${host} answered ${response.status}`);
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!IMAGE_TYPES.includes(contentType)) throw new UpstreamError(`the raster tile service at ${host} answered ${contentType || 'without a type'}, not a tile image`);
    let data: Buffer | null;
    try {
      data = await readUpTo(response, maximumTileBytes);
    } catch {
      throw new UpstreamError(`the raster tile service at ${host} did not finish its answer`);
    }
    if (data === null) throw new UpstreamError(`the raster tile service at ${host} answered more than ${maximumTileBytes} bytes for one tile`);
    const tile = { data, contentType };
    cache?.put(z, x, y, tile);
    return tile;
  }

  return {
    async tile(z, x, y) {
      const cached = cache?.get(z, x, y);
      if (cached) return cached;
      const key = `${z}/${x}/${y}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetchFromService(z, x, y).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    cachedBytes: () => cache?.bytes() ?? 0,
  };
}
