import { afterEach, describe, expect, it } from 'vitest';
import { createRasterTileSource } from '../../server/basemap/raster-tiles.ts';
import { UpstreamError } from '../../server/errors.ts';
import { temporaryDirectory } from '../support/test-database.ts';

const TEMPLATE = 'http://tiles.intranet.example/{z}/{x}/{y}.png?tk=SECRET';
const png = (bytes: number) => new Uint8Array(bytes).fill(7);
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A stand-in tile service answering with `answer`, counting what it is asked. */
function service(answer: (url: string) => Response | Promise<Response>) {
  const asked: Array<{ url: string; redirect: RequestRedirect | undefined }> = [];
  const fetchTile = (async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push({ url: String(input), redirect: init?.redirect });
    return answer(String(input));
  }) as typeof fetch;
  return { asked, fetchTile };
}

describe('the raster tile pass-through', () => {
  it('follows no redirect: the service is asked not to, and a redirect it sends is refused', async () => {
    const { asked, fetchTile } = service(() => new Response(null, { status: 302, headers: { location: 'http://127.0.0.1:8080/api/settings/scoring' } }));
    await expect(createRasterTileSource(TEMPLATE, fetchTile).tile(3, 1, 2)).rejects.toThrow(/answered a redirect, which is not followed/);
    expect(asked[0]!.redirect).toBe('manual');
  });

  it('passes images only: a page or a script is refused, naming what came', async () => {
    const { fetchTile } = service(() => new Response('<script>alert(1)</script>', { headers: { 'content-type': 'text/html' } }));
    const refused = createRasterTileSource(TEMPLATE, fetchTile).tile(3, 1, 2);
    await expect(refused).rejects.toBeInstanceOf(UpstreamError);
    await expect(refused).rejects.toThrow('the raster tile service at tiles.intranet.example answered text/html, not a tile image');
  });

  it('reads no more than the size of a tile, declared or not', async () => {
    const declared = service(() => new Response(png(10), { headers: { 'content-type': 'image/png', 'content-length': String(50 * 1024 * 1024) } }));
    await expect(createRasterTileSource(TEMPLATE, declared.fetchTile, { maximumTileBytes: 1000 }).tile(3, 1, 2)).rejects.toThrow(/more than 1000 bytes/);
    const undeclared = service(() => new Response(new ReadableStream({
      pull(controller) { controller.enqueue(png(400)); },
    }), { headers: { 'content-type': 'image/png' } }));
    await expect(createRasterTileSource(TEMPLATE, undeclared.fetchTile, { maximumTileBytes: 1000 }).tile(3, 1, 2)).rejects.toThrow(/more than 1000 bytes/);
  });

  it('asks the service once for a tile, however many ask at once and later, and keeps it across restarts', async () => {
    const { directory, remove } = temporaryDirectory();
    cleanups.push(remove);
    const { asked, fetchTile } = service(() => new Response(png(100), { headers: { 'content-type': 'image/png' } }));
    const source = createRasterTileSource(TEMPLATE, fetchTile, { cacheDirectory: directory });
    const tiles = await Promise.all(Array.from({ length: 300 }, () => source.tile(5, 10, 12)));
    expect(tiles.every((tile) => tile?.data.length === 100 && tile.contentType === 'image/png')).toBe(true);
    const restarted = createRasterTileSource(TEMPLATE, fetchTile, { cacheDirectory: directory });
    expect((await restarted.tile(5, 10, 12))?.data).toEqual(Buffer.from(png(100)));
    expect(asked).toHaveLength(1);
  });

  it('keeps the cache within its size, letting the tiles fetched longest ago go', async () => {
    const { directory, remove } = temporaryDirectory();
    cleanups.push(remove);
    const { asked, fetchTile } = service(() => new Response(png(1000), { headers: { 'content-type': 'image/png' } }));
    const source = createRasterTileSource(TEMPLATE, fetchTile, { cacheDirectory: directory, cacheBytes: 5000 });
    for (let x = 0; x < 8; x += 1) await source.tile(4, x, 0);
    expect(source.cachedBytes()).toBe(5000);
    await source.tile(4, 7, 0);
    expect(asked).toHaveLength(8);
    await source.tile(4, 0, 0);
    expect(asked).toHaveLength(9);
  });
});
