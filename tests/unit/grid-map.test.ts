import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { gradeColour, gradeLegend, gridMapImage, gridMapSvg, type MappedGrid } from '../../server/bulletins/grid-map.ts';
import { BAND_COLOURS, NO_DATA_COLOUR } from '../../server/domain/grade-colours.ts';
import { DEFAULT_SCORING_SETTINGS } from '../../server/domain/scoring-settings.ts';

const rectangle = (west: number, south: number, width: number, height: number): Polygon => ({
  type: 'Polygon', coordinates: [[[west, south], [west + width, south], [west + width, south + height], [west, south + height], [west, south]]],
});
const thresholds = DEFAULT_SCORING_SETTINGS.gradeThresholds;
// Two blocks side by side and a corridor along their shared edge, listed first.
const grids: MappedGrid[] = [
  { code: 'S01', kind: 'strip', geometry: rectangle(104.0195, 30.6, 0.001, 0.02), grade: 'E' },
  { code: 'B01', kind: 'block', geometry: rectangle(104.0, 30.6, 0.02, 0.02), grade: 'A' },
  { code: 'B02', kind: 'block', geometry: rectangle(104.02, 30.6, 0.02, 0.02), grade: null },
];

describe('the map of grids in a bulletin', () => {
  it('fills each grid with its grade\'s colour, draws the corridors over the blocks, and labels the blocks', () => {
    const svg = gridMapSvg(grids, thresholds);
    const order = [...svg.matchAll(/data-code="(\w+)"[^>]*fill="#(\w{6})"/g)].map((match) => [match[1], match[2]]);
    expect(order).toEqual([['B01', '2ea043'], ['B02', '9e9e9e'], ['S01', 'd32f2f']]);
    expect([...svg.matchAll(/<text[^>]*>(B\d+|S\d+)<\/text>/g)].map((match) => match[1])).toEqual(['B01', 'B02']);
    expect(gradeColour('A')).toEqual(BAND_COLOURS[0]);
    expect(gradeColour(null)).toEqual(NO_DATA_COLOUR);
  });

  it('has the map page\'s legend, in Chinese, from the thresholds in force', () => {
    expect(gradeLegend({ A: 92, B: 80, C: 60, D: 45 }).map((entry) => entry.label)).toEqual(['A 级（≥92）', 'B 级（≥80）', 'C 级（≥60）', 'D 级（≥45）', 'E 级（<45）', '样本不足']);
    expect(gradeLegend(thresholds).map((entry) => entry.colour)).toEqual([...BAND_COLOURS, NO_DATA_COLOUR]);
    const svg = gridMapSvg(grids, thresholds);
    for (const { label } of gradeLegend(thresholds)) expect(svg).toContain(label.replace('<', '&lt;'));
  });

  it('renders to a PNG the type area\'s width at 300 dpi, each block painted in its colour', async () => {
    const image = gridMapImage(grids, thresholds);
    expect(image.widthMillimetres).toBeCloseTo(156, 0);
    const { data, info } = await sharp(image.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(1843);
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    // The two blocks fill the width side by side: a quarter and three quarters across, part way down, clear of their labels.
    const row = Math.round(info.height * 0.3);
    expect(pixel(Math.round(info.width * 0.25), row)).toEqual(BAND_COLOURS[0]);
    expect(pixel(Math.round(info.width * 0.75), row)).toEqual(NO_DATA_COLOUR);
    expect(pixel(Math.round(info.width * 0.5), row)).toEqual(BAND_COLOURS[4]);
  });
});
