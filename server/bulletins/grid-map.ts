import { bbox, centroid } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { BAND_COLOURS, NO_DATA_COLOUR, type Rgb } from '../domain/grade-colours.ts';
import { GRADES, type Grade, type ScoringSettings } from '../domain/scoring-settings.ts';
import type { BulletinImage } from './bulletin-content.ts';
import { DRAWING_FONT_FAMILY, renderDrawing } from './bulletin-fonts.ts';

/**
 * Maps for bulletins, drawn as SVG from the grid geometry in Web Mercator (as the map page draws
 * it) and rendered to PNG by resvg with the fonts that ship in data/fonts — no browser, and crisp
 * at print resolution. The district's grids coloured by grade carry the map page's colours and
 * legend; a problem's locator shows its grid and the grids around it, and where it is. Block grids
 * are drawn first and the road corridors (strip grids) over them with white edges, as on the map;
 * both have a scale bar and north.
 */

export interface MappedGrid {
  code: string;
  kind: 'block' | 'strip';
  geometry: Polygon | MultiPolygon;
  /** Its grade on the composite over the bulletin's window; null when the sample is too small. */
  grade: Grade | null;
}

/** Drawing units are tenths of a millimetre of the printed map; the district's is as wide as the type area. */
const WIDTH = 1560;
const LOCATOR_WIDTH = 1000;
const LOCATOR_HEIGHT = 700;
const MAXIMUM_MAP_HEIGHT = 1500;
const PADDING = 30;
const LEGEND_HEIGHT = 110;
/** 300 dots an inch. */
const PIXELS_PER_UNIT = 300 / 254;
const LABEL_SIZE = 24;
const LEGEND_SIZE = 30;
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

type Extent = [number, number, number, number];

/** Where the ground falls on a drawing `width` wide: a projection fitted to an extent. */
function fittedFrame([west, south, east, north]: Extent, width: number, maximumHeight: number) {
  const spanX = ((east - west) * Math.PI) / 180;
  const spanY = mercatorY(north) - mercatorY(south);
  const scale = Math.min((width - 2 * PADDING) / spanX, (maximumHeight - 2 * PADDING) / spanY);
  const mapHeight = Math.ceil(spanY * scale + 2 * PADDING);
  const offsetX = (width - spanX * scale) / 2;
  const project = ([longitude, latitude]: Position): [number, number] => [
    offsetX + (((longitude! - west) * Math.PI) / 180) * scale,
    PADDING + (mercatorY(north) - mercatorY(latitude!)) * scale,
  ];
  // Metres on the ground per drawing unit at the extent's middle latitude.
  const metresPerUnit = (EARTH_RADIUS_METRES * Math.cos((((south + north) / 2) * Math.PI) / 180)) / scale;
  return { project, width, mapHeight, metresPerUnit };
}
type Frame = ReturnType<typeof fittedFrame>;

const extentOf = (geometries: ReadonlyArray<Polygon | MultiPolygon>) =>
  bbox({ type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', properties: {}, geometry })) }) as Extent;

const polygonsOf = (geometry: Polygon | MultiPolygon) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

const pathOf = (geometry: Polygon | MultiPolygon, frame: Frame) => polygonsOf(geometry)
  .flatMap((rings) => rings.map((ring) => `M${ring.map((position) => frame.project(position).map((value) => value.toFixed(1)).join(' ')).join('L')}Z`)).join('');

/** The grids' shapes, blocks under corridors, each filled as asked, and the blocks' codes. */
function gridShapes(grids: readonly MappedGrid[], frame: Frame, fillOf: (grid: MappedGrid) => string): string {
  const shape = (grid: MappedGrid) => `<path data-code="${escapeXml(grid.code)}" d="${pathOf(grid.geometry, frame)}" fill="${fillOf(grid)}" fill-rule="evenodd" `
    + (grid.kind === 'strip' ? 'stroke="#ffffff" stroke-width="2.5"/>' : 'stroke="#28405a" stroke-width="2"/>');
  const labels = grids.filter((grid) => grid.kind === 'block').map((grid) => {
    const [x, y] = frame.project(centroid(grid.geometry).geometry.coordinates);
    return `<text x="${x.toFixed(1)}" y="${(y + LABEL_SIZE * 0.35).toFixed(1)}">${escapeXml(grid.code)}</text>`;
  });
  return `<g clip-path="url(#map-area)">${grids.filter((grid) => grid.kind === 'block').map(shape).join('')}${grids.filter((grid) => grid.kind === 'strip').map(shape).join('')}`
    + `<g font-size="${LABEL_SIZE}" text-anchor="middle" fill="#14202e" stroke="#ffffff" stroke-width="5" paint-order="stroke">${labels.join('')}</g></g>`;
}

/** A scale bar of a round length, about a fifth of the map's width, at the left; north at the right. */
function scaleAndNorth(frame: Frame, barY: number, northTop: number): string {
  const target = (frame.width / 5) * frame.metresPerUnit;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const metres = [5, 2, 1].map((step) => step * magnitude).find((length) => length <= target)!;
  const length = metres / frame.metresPerUnit;
  const right = frame.width - 50;
  return `<path d="M${PADDING} ${barY - 10}V${barY}H${(PADDING + length).toFixed(1)}V${barY - 10}" fill="none" stroke="#1f2933" stroke-width="3"/>`
    + `<text x="${(PADDING + length + 14).toFixed(1)}" y="${barY + 4}" font-size="${LEGEND_SIZE}">${metres >= 1000 ? `${metres / 1000} 千米` : `${metres} 米`}</text>`
    + `<path d="M${right} ${northTop}L${right - 14} ${northTop + 44}L${right} ${northTop + 35}L${right + 14} ${northTop + 44}Z"/>`
    + `<text x="${right}" y="${northTop + 80}" font-size="${LEGEND_SIZE}" text-anchor="middle">北</text>`;
}

const svgDocument = (width: number, height: number, mapHeight: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${DRAWING_FONT_FAMILY}">`
  + `<defs><clipPath id="map-area"><rect width="${width}" height="${mapHeight}"/></clipPath></defs>`
  + `<rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;

export function gridMapSvg(grids: readonly MappedGrid[], thresholds: ScoringSettings['gradeThresholds']): string {
  const frame = fittedFrame(extentOf(grids.map((grid) => grid.geometry)), WIDTH, MAXIMUM_MAP_HEIGHT);
  const legend = gradeLegend(thresholds).map(({ colour, label }, index) => {
    const x = PADDING + index * 245;
    const y = frame.mapHeight + 20;
    return `<rect x="${x}" y="${y}" width="44" height="30" fill="${hex(colour)}" stroke="#28405a" stroke-width="1.5"/>`
      + `<text x="${x + 54}" y="${y + 26}" font-size="${LEGEND_SIZE}">${escapeXml(label)}</text>`;
  });
  return svgDocument(WIDTH, frame.mapHeight + LEGEND_HEIGHT, frame.mapHeight, gridShapes(grids, frame, (grid) => hex(gradeColour(grid.grade)))
    + `<g fill="#1f2933">${legend.join('')}${scaleAndNorth(frame, frame.mapHeight + 85, frame.mapHeight + 12)}</g>`);
}

/** Where a problem is: its grid (outlined) and the grids around it, the point marked, 100 mm wide. */
export function locatorMapSvg(grids: readonly MappedGrid[], focus: { code: string; position: Position }): string {
  const focused = grids.find((grid) => grid.code === focus.code);
  const [west, south, east, north] = extentOf(focused ? [focused.geometry] : [{ type: 'Polygon', coordinates: [[focus.position, focus.position]] }]);
  // Half as much again around the grid on each side, and never less than about 300 m across.
  const margin = Math.max((east - west) / 2, (north - south) / 2, 0.0015);
  const frame = fittedFrame([west - margin, south - margin, east + margin, north + margin], LOCATOR_WIDTH, LOCATOR_HEIGHT);
  const [x, y] = frame.project(focus.position);
  const outline = focused ? `<path d="${pathOf(focused.geometry, frame)}" fill="none" stroke="#1565c0" stroke-width="8" clip-path="url(#map-area)"/>` : '';
  return svgDocument(LOCATOR_WIDTH, frame.mapHeight + 70, frame.mapHeight,
    gridShapes(grids, frame, (grid) => (grid.code === focus.code ? '#fff3c4' : grid.kind === 'strip' ? '#d5dbe3' : '#eef1f5'))
    + outline
    + `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="20" fill="#d32f2f" stroke="#ffffff" stroke-width="6"/>`
    + `<g fill="#1f2933">${scaleAndNorth(frame, frame.mapHeight + 45, 12)}</g>`);
}

/** A drawing rendered at 300 dpi, to print at its size in tenths of a millimetre. */
export function renderedMap(svg: string): BulletinImage {
  const rendered = renderDrawing(svg, { mode: 'zoom', value: PIXELS_PER_UNIT });
  return { data: rendered.asPng(), type: 'png', widthMillimetres: rendered.width / PIXELS_PER_UNIT / 10, heightMillimetres: rendered.height / PIXELS_PER_UNIT / 10 };
}

/** The district's map at 300 dpi, as wide as the type area. */
export const gridMapImage = (grids: readonly MappedGrid[], thresholds: ScoringSettings['gradeThresholds']): BulletinImage => renderedMap(gridMapSvg(grids, thresholds));
