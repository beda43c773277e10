import { UpstreamError } from '../errors.ts';

/**
 * A site's own raster tile service (天地图 with its key, an intranet WMTS or XYZ server), reached
 * through our server: browsers then talk to us alone, and a key in the template never leaves it.
 * The template holds `{z}`, `{x}` and `{y}`, e.g.
 * `http://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY`.
 */

export interface RasterTile {
  data: Buffer;
  contentType: string;
}

export interface RasterTileSource {
  /** The tile, or undefined where the service has none. */
  tile(z: number, x: number, y: number): Promise<RasterTile | undefined>;
}

const UPSTREAM_TIMEOUT_MS = 10_000;

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

export function createRasterTileSource(template: string, fetchTile: typeof fetch = fetch): RasterTileSource {
  const problem = rasterTemplateProblem(template);
  if (problem) throw new Error(`CIVGRID_RASTER_TILES: ${problem}`);
  const host = rasterServiceHost(template);
  return {
    async tile(z, x, y) {
      const url = template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));
      let response: Response;
      try {
        response = await fetchTile(url, { signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
      } catch {
        throw new UpstreamError(`the raster tile service at ${host} did not answer`);
      }
      if (response.status === 404 || response.status === 204) return undefined;
      if (!response.ok) throw new UpstreamError(`the raster tile service at ${host} answered ${response.status}`);
      return { data: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'image/png' };
    },
  };
}
