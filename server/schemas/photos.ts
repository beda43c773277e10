import { Type } from 'typebox';
import { PHOTO_FLAGS, PHOTO_STAGES, PHOTOS_PER_ACTION } from '../domain/photo-evidence.ts';
import { PHOTO_VARIANTS } from '../photos/photo-files.ts';
import { literals, NullableInstant } from './common.ts';

export const PhotoPosition = Type.Union([Type.Object({ longitude: Type.Number(), latitude: Type.Number() }), Type.Null()], {
  description: 'where it was taken, from its EXIF GPS (WGS84); null when it has none',
});

const photoFields = {
  id: Type.Integer(),
  width: Type.Integer({ description: 'pixels, as seen (its EXIF orientation applied)' }),
  height: Type.Integer(),
  takenAt: Type.Union([NullableInstant], { description: 'when it was taken, from its EXIF (a time without an offset read as China time); null when it does not say' }),
  position: PhotoPosition,
};

/** A photo as its upload answers it: flagged already if taken long before. */
export const UploadedPhoto = Type.Object({
  ...photoFields,
  sha256: Type.String({ description: 'of the original bytes, which it is stored by' }),
  flags: Type.Array(literals(PHOTO_FLAGS), { description: 'what is doubtful about it so far; a problem adds more when the photo is given with an action' }),
});
export const UploadedPhotos = Type.Array(UploadedPhoto);

/** A photo given with a step of a problem's history. */
export const IssuePhoto = Type.Object({
  ...photoFields,
  eventId: Type.Integer({ description: 'the step of the history it came with' }),
  stage: literals(PHOTO_STAGES),
  flags: Type.Array(literals(PHOTO_FLAGS)),
  distanceMetres: Type.Union([Type.Number(), Type.Null()], { description: 'from the problem, when the photo says where it was taken' }),
});

/** An image sends no headers: on the wall, a photo's address carries the screen's device token as its link does. */
export const PhotoDeviceQuery = Type.Object({ device: Type.Optional(Type.String({ maxLength: 200, description: 'a screen device\'s token' })) });

export const PhotoParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  variant: literals(PHOTO_VARIANTS),
});

/** Photos given with a report or an action: uploaded first (POST /api/photos) by the same account. */
export const PhotoIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: PHOTOS_PER_ACTION, uniqueItems: true, description: `photos uploaded by you (POST /api/photos), at most ${PHOTOS_PER_ACTION}: with a report (整改前), a rectification (整改后) or a re-inspection` });
