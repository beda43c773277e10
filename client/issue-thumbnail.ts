import type { IssueSummary } from '../server/schemas/contract.ts';

/** The photo a list shows for a problem: its latest after-photo where it has one, else the report's; null without photos. */
export const thumbnailPhotoId = (issue: Pick<IssueSummary, 'reportPhotoId' | 'rectificationPhotoId'>): number | null =>
  issue.rectificationPhotoId ?? issue.reportPhotoId;
