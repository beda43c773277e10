import { resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { bbox, centroid } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { BAND_COLOURS, NO_DATA_COLOUR, type Rgb } from '../domain/grade-colours.ts';
import { GRADES, type Grade, type ScoringSettings } from '../domain/scoring-settings.ts';

/**
 * The district's grids coloured by grade, for a bulletin: drawn as SVG from the grid geometry in
 * Web Mercator (as the map page draws it), with the map page's colours and legend, a scale bar and
 * north, and rendered to PNG by resvg with the fonts that ship in data/fonts — no browser, and
 * crisp at print resolution. Block grids are drawn first and the road corridors (strip grids) over
 * them with white edges, as on the map.
 */

export interface MappedGrid {
  code: string;
  kind: 'block' | 'strip';
  geometry: Polygon | MultiPolygon;
  /** Its grade on the composite over the bulletin's window; null when the sample is too small. */
  grade: Grade | null;
}

export interface GridMapImage {
  png: Buffer;
  /** Its size in the document. */
  widthMillimetres: number;
  heightMillimetres: number;
}

/** Drawing units are tenths of a millimetre of the printed map, which is as wide as the type area. */
const WIDTH = 1560;
const MAXIMUM_MAP_HEIGHT = 1500;
const PADDING = 30;
const LEGEND_HEIGHT = 110;
/** 300 dots an inch. */
const PIXELS_PER_UNIT = 300 / 254;
const LABEL_SIZE = 24;
const LEGEND_SIZE = 30;
const FONT_FILE = resolve(import.meta.dirname, '../../data/fonts/NotoSansSC-Bold.otf');
const FONT_FAMILY = 'Noto Sans SC';
const EARTH_RADIUS_METRES = 6_378_137;

const hex = ([red, green, blue]: Rgb) => `#${[red, green, blue].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The colour a grid is drawn in: its grade's, or grey for 样本不足. */
export const gradeColour = (grade: Grade | null): Rgb => (grade === null ? NO_DATA_COLOUR : BAND_COLOURS[GRADES.indexOf(grade)]!);

/** The legend as the map page's, in Chinese. */
export function gradeLegend(thresholds: ScoringSettings['gradeThresholds']): Array<{ colour: Rgb; label: string }> {
  return [
    ...GRADES.map((grade, band) => ({
      colour: BAND_COLOURS[band]!,
      label: grade === 'E' ? `E 级（<${thresholds.D}）` : `${grade} 级（≥${thresholds[grade]}）`,
    })),
    { colour: NO_DATA_COLOUR, label: '样本不足' },
  ];
}

const mercatorY = (latitude: number) => Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360));

/** Where the grids fall on the drawing: a projection fitted to their extent. */
function fittedProjection(grids: readonly MappedGrid[]) {
  const [west, south, east, north] = bbox({ type: 'FeatureCollection', features: grids.map((grid) => ({ type: 'Feature', properties: {}, geometry: grid.geometry })) });
  const spanX = ((east - west) * Math.PI) / 180;
  const spanY = mercatorY(north) - mercatorY(south);
  const scale = Math.min((WIDTH - 2 * PADDING) / spanX, (MAXIMUM_MAP_HEIGHT - 2 * PADDING) / spanY);
  const mapHeight = Math.ceil(spanY * scale + 2 * PADDING);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const project = ([longitude, latitude]: Position): [number, number] => [
    offsetX + (((longitude! - west) * Math.PI) / 180) * scale,
    PADDING + (mercatorY(north) - mercatorY(latitude!)) * scale,
  ];
  // Metres on the ground per drawing unit at the district's middle latitude.
  const metresPerUnit = (EARTH_RADIUS_METRES * Math.cos((((south + north) / 2) * Math.PI) / 180)) / scale;
  return { project, mapHeight, metresPerUnit };
}

const polygonsOf = (geometry: Polygon | MultiPolygon) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

/** A round length for the scale bar, about a fifth of the map's width. */
function scaleBarMetres(metresPerUnit: number): number {
  const target = (WIDTH / 5) * metresPerUnit;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((step) => step * magnitude).find((length) => length <= target)!;
}

export function gridMapSvg(grids: readonly MappedGrid[], thresholds: ScoringSettings['gradeThresholds']): string {
  const { project, mapHeight, metresPerUnit } = fittedProjection(grids);
  const path = (geometry: Polygon | MultiPolygon) => polygonsOf(geometry)
    .flatMap((rings) => rings.map((ring) => `M${ring.map((position) => project(position).map((value) => value.toFixed(1)).join(' ')).join('L')}Z`)).join('');
  const shape = (grid: MappedGrid) => `<path data-code="${escapeXml(grid.code)}" d="${path(grid.geometry)}" fill="${hex(gradeColour(grid.grade))}" fill-rule="evenodd" `
    + (grid.kind === 'strip' ? 'stroke="#ffffff" stroke-width="2.5"/>' : 'stroke="#28405a" stroke-width="2"/>');
  const labels = grids.filter((grid) => grid.kind === 'block').map((grid) => {
    const [x, y] = project(centroid(grid.geometry).geometry.coordinates);
    return `<text x="${x.toFixed(1)}" y="${(y + LABEL_SIZE * 0.35).toFixed(1)}">${escapeXml(grid.code)}</text>`;
  });
  const legend = gradeLegend(thresholds).map(({ colour, label }, index) => {
    const x = PADDING + index * 245;
    const y = mapHeight + 20;
    return `<rect x="${x}" y="${y}" width="44" height="30" fill="${hex(colour)}" stroke="#28405a" stroke-width="1.5"/>`
      + `<text x="${x + 54}" y="${y + 26}" font-size="${LEGEND_SIZE}">${escapeXml(label)}</text>`;
  });
  const barMetres = scaleBarMetres(metresPerUnit);
  const barLength = barMetres / metresPerUnit;
  const barY = mapHeight + 85;
  const scaleBar = `<path d="M${PADDING} ${barY - 10}V${barY}H${(PADDING + barLength).toFixed(1)}V${barY - 10}" fill="none" stroke="#1f2933" stroke-width="3"/>`
    + `<text x="${(PADDING + barLength + 14).toFixed(1)}" y="${barY + 4}" font-size="${LEGEND_SIZE}">${barMetres >= 1000 ? `${barMetres / 1000} 千米` : `${barMetres} 米`}</text>`;
  // North at the legend's right, clear of the grids.
  const north = `<path d="M${WIDTH - 50} ${mapHeight + 12}L${WIDTH - 64} ${mapHeight + 56}L${WIDTH - 50} ${mapHeight + 47}L${WIDTH - 36} ${mapHeight + 56}Z"/>`
    + `<text x="${WIDTH - 50}" y="${mapHeight + 92}" font-size="${LEGEND_SIZE}" text-anchor="middle">北</text>`;
  const height = mapHeight + LEGEND_HEIGHT;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT_FAMILY}">`
    + `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`
    + grids.filter((grid) => grid.kind === 'block').map(shape).join('')
    + grids.filter((grid) => grid.kind === 'strip').map(shape).join('')
    + `<g font-size="${LABEL_SIZE}" text-anchor="middle" fill="#14202e" stroke="#ffffff" stroke-width="5" paint-order="stroke">${labels.join('')}</g>`
    + `<g fill="#1f2933">${legend.join('')}${scaleBar}${north}</g>`
    + '</svg>';
}

/** The map at 300 dpi, as wide as the type area. */
export function gridMapImage(grids: readonly MappedGrid[], thresholds: ScoringSettings['gradeThresholds']): GridMapImage {
  const svg = gridMapSvg(grids, thresholds);
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PIXELS_PER_UNIT },
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  }).render();
  return { png: rendered.asPng(), widthMillimetres: rendered.width / PIXELS_PER_UNIT / 10, heightMillimetres: rendered.height / PIXELS_PER_UNIT / 10 };
}
