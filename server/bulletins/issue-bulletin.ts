import { createHash } from 'node:crypto';
import type { PhotoFiles } from '../photos/photo-files.ts';
import { chinaDay, chinaYear } from '../domain/china-time.ts';
import { invalidParameter, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { District } from '../store/districts.ts';
import type { BulletinRecord, NewBulletin } from '../store/repositories.ts';
import { archivedContent } from './bulletin-content.ts';
import { bulletinDocx } from './bulletin-docx.ts';
import { bulletinPdf } from './bulletin-pdf.ts';
import { bulletinWorkbook } from './bulletin-workbook.ts';
import { sameDaysAs } from './bulletin-period.ts';
import { compose, type BulletinRequest } from './compose-bulletin.ts';

/** A number taken by another bulletin issued at the same moment: written again with the next one, this many times at most. */
const NUMBER_ATTEMPTS = 3;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface IssuedBulletin {
  bulletin: BulletinRecord;
  /** False when, asked `onlyOnce`, the one issued already (by another server) is answered. */
  made: boolean;
}

/**
 * Writes a bulletin and keeps it: its figures gathered at `now`, its files written from one
 * content, and (unless a draft) the next number of the series in the issuing year, taken in the
 * same transaction that stores it.
 */
export async function issueBulletin(store: Store, district: District, photoFiles: PhotoFiles, request: BulletinRequest, now: number): Promise<IssuedBulletin> {
  const { series } = request;
  const corrected = request.corrects === undefined ? null : await store.repositories.bulletins.byId(request.corrects);
  if (request.corrects !== undefined) {
    if (!corrected || corrected.number === null) throw notFound('bulletin', request.corrects, `issued bulletin ${request.corrects}`);
    if (corrected.series !== series) throw invalidParameter('corrects', `bulletin ${corrected.id} is a ${corrected.series} bulletin; a correction is of the same series`, 'correction_other_series', { series: corrected.series });
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
      if (existing) return { bulletin: existing, made: false };
      if (number !== null && await unit.repositories.bulletins.nextNumber(series, year) !== number) {
        unit.rollback();
        return null;
      }
      return { bulletin: await unit.repositories.bulletins.record(bulletin), made: true };
    });
    if (recorded) return recorded;
    if (attempt === NUMBER_ATTEMPTS) throw new Error(`no number could be taken for a ${series} bulletin in ${year} after ${NUMBER_ATTEMPTS} attempts`);
  }
}
