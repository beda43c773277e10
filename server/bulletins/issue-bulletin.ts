import { createHash } from 'node:crypto';
import { chinaDay, chinaYear, parseChinaDay } from '../domain/china-time.ts';
import { invalidParameter, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { District } from '../store/districts.ts';
import type { BulletinRecord, NewBulletin } from '../store/repositories.ts';
import type { BulletinContent } from './bulletin-content.ts';
import { bulletinDocx } from './bulletin-docx.ts';
import { bulletinPdf } from './bulletin-pdf.ts';
import { bulletinWorkbook } from './bulletin-workbook.ts';
import { dailyBulletin } from './daily-bulletin.ts';
import { gatherDailyFigures } from './daily-figures.ts';

export interface DailyRequest {
  /** The China day reported, YYYY-MM-DD; today when not given. */
  date?: string;
  /** A draft is kept for preview without a number; issuing gives the next one. */
  draft: boolean;
  /** The issued bulletin of the same series that this one corrects. */
  corrects?: number;
  /** The account that asks, or `schedule`. */
  madeBy: string;
}

/** A number taken by another bulletin issued at the same moment: written again with the next one, this many times at most. */
const NUMBER_ATTEMPTS = 3;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes a 日通报 and keeps it: its figures gathered at `now`, its files written from one
 * content, and (unless a draft) the next number of the series in the issuing year, taken in the
 * same transaction that stores it.
 */
export async function issueDailyBulletin(store: Store, district: District, request: DailyRequest, now: number): Promise<BulletinRecord> {
  const today = chinaDay(now);
  const day = request.date ?? today;
  if (parseChinaDay(day) === null) throw invalidParameter('date', `'${day}' is not a date (YYYY-MM-DD)`);
  if (day > today) throw invalidParameter('date', `${day} has not come yet (today is ${today})`);
  const corrected = request.corrects === undefined ? null : await store.repositories.bulletins.byId(request.corrects);
  if (request.corrects !== undefined) {
    if (!corrected || corrected.number === null) throw notFound(`issued bulletin ${request.corrects}`);
    if (corrected.series !== 'daily') throw invalidParameter('corrects', `bulletin ${corrected.id} is a ${corrected.series} bulletin; a correction is of the same series`);
  }
  const figures = await gatherDailyFigures(store.repositories, district, day, now);
  const year = chinaYear(now);
  for (let attempt = 1; ; attempt += 1) {
    const number = request.draft ? null : await store.repositories.bulletins.nextNumber('daily', year);
    const content: BulletinContent = dailyBulletin(figures, {
      number, year, issuedOn: today, corrects: corrected ? { year: corrected.year, number: corrected.number!, title: corrected.title } : null,
    });
    const [docx, pdf, xlsx] = await Promise.all([bulletinDocx(content), bulletinPdf(content), bulletinWorkbook(content)]);
    const bulletin: NewBulletin = {
      series: 'daily', year, number, title: content.title, firstDay: figures.periodFrom, lastDay: day, madeAt: now, madeBy: request.madeBy,
      correctsId: corrected?.id ?? null,
      content: { content, figures },
      files: [
        { format: 'docx', sha256: sha256(docx), bytes: docx },
        { format: 'pdf', sha256: sha256(pdf), bytes: pdf },
        { format: 'xlsx', sha256: sha256(xlsx), bytes: Buffer.from(xlsx) },
      ],
    };
    const recorded = await store.unitOfWork(async (unit) => {
      if (number !== null && await unit.repositories.bulletins.nextNumber('daily', year) !== number) {
        unit.rollback();
        return null;
      }
      return unit.repositories.bulletins.record(bulletin);
    });
    if (recorded) return recorded;
    if (attempt === NUMBER_ATTEMPTS) throw new Error(`no number could be taken for a daily bulletin in ${year} after ${NUMBER_ATTEMPTS} attempts`);
  }
}
