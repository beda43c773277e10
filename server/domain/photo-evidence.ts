import { distance } from '@turf/turf';
import type { WorkflowAction } from './issue-workflow.ts';

/**
 * What makes a photo doubtful as evidence. Flagged photos are kept and pointed out, never refused:
 * phones lose GPS and clocks, and the inspector judges.
 */
export const PHOTO_FLAGS = ['taken_long_before_upload', 'taken_before_dispatch', 'far_from_problem'] as const;
export type PhotoFlag = (typeof PHOTO_FLAGS)[number];

/** Where in a problem's life a photo was given: the 整改前 of its report, the 整改后 of a rectification, a re-inspection's. */
export const PHOTO_STAGES = ['report', 'rectification', 'reinspection'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];

/** A photo taken this long before it was uploaded is not of the moment. */
export const STALE_PHOTO_MS = 24 * 3_600_000;
/** A photo taken farther than this from the problem's position is not of the problem. */
export const FAR_PHOTO_METRES = 200;
/** At most this many photos go with one action. */
export const PHOTOS_PER_ACTION = 9;

/** The stage a photo given with this action belongs to; null where an action takes no photos. */
export function photoStageOf(action: WorkflowAction | 'report'): PhotoStage | null {
  switch (action) {
    case 'report': return 'report';
    case 'submit_rectification': return 'rectification';
    case 'pass_inspection':
    case 'fail_inspection': return 'reinspection';
    default: return null;
  }
}

const CHINA_OFFSET_MINUTES = 8 * 60;

/**
 * The instant an EXIF date-time names. Phones write the local time ("2026:11:20 14:30:05") and,
 * since EXIF 2.31, its offset in a separate tag; without one, the time is read as China time.
 * Null for a missing or malformed value (some phones write zeros or spaces).
 */
export function exifInstant(dateTime: unknown, offset?: unknown): number | null {
  if (typeof dateTime !== 'string') return null;
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(dateTime.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const read = new Date(asUtc);
  // A date that does not exist (2026:02:30, or the zeros some phones write) is not a time taken.
  if (year < 1990 || read.getUTCMonth() !== month - 1 || read.getUTCDate() !== day || read.getUTCHours() !== hour || read.getUTCMinutes() !== minute) return null;
  const zone = typeof offset === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  const offsetMinutes = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : CHINA_OFFSET_MINUTES;
  return asUtc - offsetMinutes * 60_000;
}

export interface PhotoFacts {
  /** When the photo was taken, from its EXIF; null when it does not say. */
  takenAt: number | null;
  /** Where, from its EXIF GPS; null when it has none. */
  position: { longitude: number; latitude: number } | null;
  uploadedAt: number;
}

export interface ProblemFacts {
  longitude: number;
  latitude: number;
  /** When it was first dispatched; null while it has not been. */
  dispatchedAt: number | null;
}

/** What is doubtful about a photo before it goes with a problem: only when it was taken. */
export function uploadFlags(photo: PhotoFacts): PhotoFlag[] {
  return photo.takenAt !== null && photo.uploadedAt - photo.takenAt > STALE_PHOTO_MS ? ['taken_long_before_upload'] : [];
}

/** Why a photo given at a stage of a problem is doubtful, if it is. */
export function photoFlags(photo: PhotoFacts, stage: PhotoStage, problem: ProblemFacts): PhotoFlag[] {
  const flags = uploadFlags(photo);
  if (stage !== 'report' && photo.takenAt !== null && problem.dispatchedAt !== null && photo.takenAt < problem.dispatchedAt) flags.push('taken_before_dispatch');
  if (photo.position && photoDistanceMetres(photo.position, problem) > FAR_PHOTO_METRES) flags.push('far_from_problem');
  return flags;
}

/** How far from the problem a photo was taken, in metres. */
export function photoDistanceMetres(position: { longitude: number; latitude: number }, problem: { longitude: number; latitude: number }): number {
  return distance([position.longitude, position.latitude], [problem.longitude, problem.latitude], { units: 'meters' });
}
