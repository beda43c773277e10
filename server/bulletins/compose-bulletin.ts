import { readFile } from 'node:fs/promises';
import type { PhotoFiles } from '../photos/photo-files.ts';
import { chinaDay, parseChinaDay } from '../domain/china-time.ts';
import type { Grade } from '../domain/scoring-settings.ts';
import { invalidParameter } from '../errors.ts';
import type { District } from '../store/districts.ts';
import type { Repositories } from '../store/repositories.ts';
import type { BulletinContent, BulletinImage, BulletinSeries } from './bulletin-content.ts';
import { resolveBulletinPeriod } from './bulletin-period.ts';
import { dailyBulletin } from './daily-bulletin.ts';
import { gatherDailyFigures } from './daily-figures.ts';
import { gridMapImage, locatorMapSvg, renderedMap, type MappedGrid } from './grid-map.ts';
import { photoPair } from './photo-pair.ts';
import { specialBulletin, type SpecialPictures } from './special-bulletin.ts';
import { firstReportedDay, gatherSpecialFigures } from './special-figures.ts';
import { periodBulletin } from './period-bulletin.ts';
import { gatherPeriodFigures } from './period-figures.ts';

/**
 * What a bulletin of each series is written from: the request checked, the figures gathered at
 * `now`, and the pictures drawn; numbering, files and storing are issue-bulletin's.
 */

export interface BulletinRequest {
  series: BulletinSeries;
  /** The problems a 督查专报 is about, in the order they are to appear. */
  issueIds?: readonly number[];
  /** A 日通报's day (today when not given); a day of a 周通报's week or a 月通报's month (the last whole one when not given). */
  date?: string;
  /** The first and last day a 周通报 or 月通报 covers, instead of a week or month. */
  from?: string;
  to?: string;
  /** A draft is kept for preview without a number; issuing gives the next one. */
  draft: boolean;
  /** The issued bulletin of the same series that this one corrects; without days given, the correction covers its days. */
  corrects?: number;
  /** The account that asks, or `schedule`. */
  madeBy: string;
  /**
   * Issued only if none of its series has been issued for its last day: the schedule's, which
   * another server on the same database may be issuing at the same moment. Checked again in the
   * storing transaction, whose write lock the servers share; the one issued already is answered.
   */
  onlyOnce?: boolean;
}

export type IssueLine = Pick<BulletinContent, 'number' | 'year' | 'issuedOn' | 'corrects'>;

/** What a bulletin is written from: its days, its figures (kept with it), and how its content follows from them. */
export interface Composed {
  firstDay: string;
  lastDay: string;
  figures: object;
  write: (issue: IssueLine) => BulletinContent;
}

/** The grids in force at `now` with the grades given (as the map page for the same days), and the thresholds of its legend. */
export async function mappedGrids(repositories: Repositories, grades: ReadonlyMap<string, Grade | null>, now: number) {
  const [grids, { settings }] = await Promise.all([repositories.grids.list(now), repositories.scoringSettings.current()]);
  return {
    grids: grids.map((grid): MappedGrid => ({ code: grid.id, kind: grid.properties.kind, geometry: grid.geometry, grade: grades.get(grid.id) ?? null })),
    thresholds: settings.gradeThresholds,
  };
}

const gradeMap = async (repositories: Repositories, grades: ReadonlyMap<string, Grade | null>, now: number): Promise<BulletinImage> => {
  const { grids, thresholds } = await mappedGrids(repositories, grades, now);
  return gridMapImage(grids, thresholds);
};

/** The picture a problem's photo gives: its display rendition, or null when it has none. */
async function displayPhoto(repositories: Repositories, photoFiles: PhotoFiles, photoId: number | null): Promise<Uint8Array | null> {
  const photo = photoId === null ? undefined : await repositories.photos.byId(photoId);
  return photo ? readFile(photoFiles.pathOf(photo.sha256, photo.mediaType, 'display')) : null;
}

async function composeSpecial(repositories: Repositories, district: District, request: BulletinRequest, now: number, photoFiles: PhotoFiles): Promise<Composed> {
  const named = (['date', 'from', 'to'] as const).find((field) => request[field] !== undefined);
  if (named) throw invalidParameter(named, 'a 督查专报 is about the problems chosen (issueIds), not days', 'special_is_not_days', {});
  const figures = await gatherSpecialFigures(repositories, district, request.issueIds ?? [], now);
  const { grids } = await mappedGrids(repositories, new Map(), now);
  // One problem at a time: each pair of photos is decoded and encoded at full size.
  const pictures: SpecialPictures[] = [];
  for (const problem of figures.problems) {
    const [before, after] = await Promise.all([displayPhoto(repositories, photoFiles, problem.reportPhotoId), displayPhoto(repositories, photoFiles, problem.rectificationPhotoId)]);
    pictures.push({ photos: await photoPair(before, after), locator: renderedMap(locatorMapSvg(grids, { code: problem.grid.code, position: [problem.longitude, problem.latitude] })) });
  }
  return { firstDay: firstReportedDay(figures), lastDay: chinaDay(now), figures, write: (issue) => specialBulletin(figures, pictures, issue) };
}

export async function compose(repositories: Repositories, district: District, request: BulletinRequest, now: number, photoFiles: PhotoFiles): Promise<Composed> {
  const today = chinaDay(now);
  if (request.series === 'special') return composeSpecial(repositories, district, request, now, photoFiles);
  if (request.issueIds !== undefined) throw invalidParameter('issueIds', 'only a 督查专报 (series special) is about chosen problems', 'problems_only_special', {});
  if (request.series === 'daily') {
    if (request.from !== undefined || request.to !== undefined) throw invalidParameter(request.from !== undefined ? 'from' : 'to', 'a 日通报 reports one day: give date', 'daily_is_one_day', {});
    const day = request.date ?? today;
    if (parseChinaDay(day) === null) throw invalidParameter('date', `'${day}' is not a date (YYYY-MM-DD)`, 'not_a_date', { value: day });
    if (day > today) throw invalidParameter('date', `${day} has not come yet (today is ${today})`, 'date_in_future', { today });
    const figures = await gatherDailyFigures(repositories, district, day, now);
    const image = await gradeMap(repositories, new Map(figures.grids.map((grid) => [grid.key, grid.grade])), now);
    return { firstDay: figures.periodFrom, lastDay: day, figures, write: (issue) => dailyBulletin(figures, image, issue) };
  }
  const period = resolveBulletinPeriod(request.series, request, today);
  const figures = await gatherPeriodFigures(repositories, district, request.series, period, now);
  const image = await gradeMap(repositories, new Map(figures.units.grid.map((grid) => [grid.key, grid.grade])), now);
  return { firstDay: period.firstDay, lastDay: period.lastDay, figures, write: (issue) => periodBulletin(figures, image, issue) };
}
