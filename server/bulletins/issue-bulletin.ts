import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PhotoFiles } from '../photos/photo-files.ts';
import { chinaDay, chinaYear, parseChinaDay } from '../domain/china-time.ts';
import type { Grade } from '../domain/scoring-settings.ts';
import { invalidParameter, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { District } from '../store/districts.ts';
import type { BulletinRecord, NewBulletin, Repositories } from '../store/repositories.ts';
import { archivedContent, type BulletinContent, type BulletinImage, type BulletinSeries } from './bulletin-content.ts';
import { bulletinDocx } from './bulletin-docx.ts';
import { bulletinPdf } from './bulletin-pdf.ts';
import { bulletinWorkbook } from './bulletin-workbook.ts';
import { resolveBulletinPeriod, sameDaysAs } from './bulletin-period.ts';
import { dailyBulletin } from './daily-bulletin.ts';
import { gatherDailyFigures } from './daily-figures.ts';
import { gridMapImage, locatorMapSvg, renderedMap, type MappedGrid } from './grid-map.ts';
import { photoPair } from './photo-pair.ts';
import { specialBulletin, type SpecialPictures } from './special-bulletin.ts';
import { firstReportedDay, gatherSpecialFigures } from './special-figures.ts';
import { periodBulletin } from './period-bulletin.ts';
import { gatherPeriodFigures } from './period-figures.ts';

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

type IssueLine = Pick<BulletinContent, 'number' | 'year' | 'issuedOn' | 'corrects'>;

/** What a bulletin is written from: its days, its figures (kept with it), and how its content follows from them. */
interface Composed {
  firstDay: string;
  lastDay: string;
  figures: object;
  write: (issue: IssueLine) => BulletinContent;
}

/** A number taken by another bulletin issued at the same moment: written again with the next one, this many times at most. */
const NUMBER_ATTEMPTS = 3;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

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
  if (named) throw invalidParameter(named, 'a 督查专报 is about the problems chosen (issueIds), not days');
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

async function compose(repositories: Repositories, district: District, request: BulletinRequest, now: number, photoFiles: PhotoFiles): Promise<Composed> {
  const today = chinaDay(now);
  if (request.series === 'special') return composeSpecial(repositories, district, request, now, photoFiles);
  if (request.issueIds !== undefined) throw invalidParameter('issueIds', 'only a 督查专报 (series special) is about chosen problems');
  if (request.series === 'daily') {
    if (request.from !== undefined || request.to !== undefined) throw invalidParameter(request.from !== undefined ? 'from' : 'to', 'a 日通报 reports one day: give date');
    const day = request.date ?? today;
    if (parseChinaDay(day) === null) throw invalidParameter('date', `'${day}' is not a date (YYYY-MM-DD)`);
    if (day > today) throw invalidParameter('date', `${day} has not come yet (today is ${today})`);
    const figures = await gatherDailyFigures(repositories, district, day, now);
    const image = await gradeMap(repositories, new Map(figures.grids.map((grid) => [grid.key, grid.grade])), now);
    return { firstDay: figures.periodFrom, lastDay: day, figures, write: (issue) => dailyBulletin(figures, image, issue) };
  }
  const period = resolveBulletinPeriod(request.series, request, today);
  const figures = await gatherPeriodFigures(repositories, district, request.series, period, now);
  const image = await gradeMap(repositories, new Map(figures.units.grid.map((grid) => [grid.key, grid.grade])), now);
  return { firstDay: period.firstDay, lastDay: period.lastDay, figures, write: (issue) => periodBulletin(figures, image, issue) };
}

/**
 * Writes a bulletin and keeps it: its figures gathered at `now`, its files written from one
 * content, and (unless a draft) the next number of the series in the issuing year, taken in the
 * same transaction that stores it.
 */
export async function issueBulletin(store: Store, district: District, photoFiles: PhotoFiles, request: BulletinRequest, now: number): Promise<BulletinRecord> {
  const { series } = request;
  const corrected = request.corrects === undefined ? null : await store.repositories.bulletins.byId(request.corrects);
  if (request.corrects !== undefined) {
    if (!corrected || corrected.number === null) throw notFound(`issued bulletin ${request.corrects}`);
    if (corrected.series !== series) throw invalidParameter('corrects', `bulletin ${corrected.id} is a ${corrected.series} bulletin; a correction is of the same series`);
  }
  // A correction that names no days covers those of the bulletin it corrects.
  const days = corrected && series !== 'special' && request.date === undefined && request.from === undefined && request.to === undefined
    ? sameDaysAs(series, corrected.firstDay, corrected.lastDay) : {};
  const composed = await compose(store.repositories, district, { ...request, ...days }, now, photoFiles);
  const year = chinaYear(now);
  for (let attempt = 1; ; attempt += 1) {
    const number = request.draft ? null : await store.repositories.bulletins.nextNumber(series, year);
    const content = composed.write({
      number, year, issuedOn: chinaDay(now), corrects: corrected ? { year: corrected.year, number: corrected.number!, title: corrected.title } : null,
    });
    const [docx, pdf, xlsx] = await Promise.all([bulletinDocx(content), bulletinPdf(content), bulletinWorkbook(content)]);
    const bulletin: NewBulletin = {
      series, year, number, title: content.title, firstDay: composed.firstDay, lastDay: composed.lastDay, madeAt: now, madeBy: request.madeBy,
      correctsId: corrected?.id ?? null,
      content: { content: archivedContent(content, sha256), figures: composed.figures },
      files: [
        { format: 'docx', sha256: sha256(docx), bytes: docx },
        { format: 'pdf', sha256: sha256(pdf), bytes: pdf },
        { format: 'xlsx', sha256: sha256(xlsx), bytes: Buffer.from(xlsx) },
      ],
    };
    const recorded = await store.unitOfWork(async (unit) => {
      const existing = request.onlyOnce ? await unit.repositories.bulletins.issuedFor(series, composed.lastDay) : undefined;
      if (existing) return existing;
      if (number !== null && await unit.repositories.bulletins.nextNumber(series, year) !== number) {
        unit.rollback();
        return null;
      }
      return unit.repositories.bulletins.record(bulletin);
    });
    if (recorded) return recorded;
    if (attempt === NUMBER_ATTEMPTS) throw new Error(`no number could be taken for a ${series} bulletin in ${year} after ${NUMBER_ATTEMPTS} attempts`);
  }
}
