import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { createReadStream } from 'node:fs';
import { ClientError, notFound, refusal } from '../errors.ts';
import { PHOTOS_PER_ACTION } from '../domain/photo-evidence.ts';
import { scopeOf, signedInAccount } from '../plugins/authentication.ts';
import type { PhotoFiles } from '../photos/photo-files.ts';
import { PhotoDeviceQuery, PhotoParams, UploadedPhotos } from '../schemas/photos.ts';
import { Binary, ErrorResponse, withErrors } from '../schemas/common.ts';
import { uploadPhotos, visiblePhoto, type UploadedFile } from '../services/photos.ts';

/** A phone's photo is 2–8 MB; a camera's original up to about 15. */
export const PHOTO_FILE_BYTES = 15 * 1024 * 1024;

/** Photos as evidence: uploaded to give with a report or an action, and served to those who may see them. */
const routes: FastifyPluginAsyncTypebox<{ photoFiles: PhotoFiles }> = async (fastify, { photoFiles }) => {
  await fastify.register(multipart, { limits: { fileSize: PHOTO_FILE_BYTES, files: PHOTOS_PER_ACTION, fields: 0, parts: PHOTOS_PER_ACTION } });

  fastify.post('/photos', {
    config: { permission: 'photos' },
    schema: {
      tags: ['photos'], consumes: ['multipart/form-data'],
      summary: `Upload 1 to ${PHOTOS_PER_ACTION} photos (JPEG, PNG or WebP, ${PHOTO_FILE_BYTES / 1048576} MB each), to give with a report or an action by their ids`,
      response: withErrors({ 201: UploadedPhotos, 413: ErrorResponse, 415: ErrorResponse }),
    },
  }, async (request, reply) => {
    const { account } = signedInAccount(request);
    if (!request.isMultipart()) throw new ClientError(400, 'send the photos as multipart/form-data, one file per part', refusal('multipart_needed', {}));
    const files: UploadedFile[] = [];
    try {
      for await (const part of request.files()) files.push({ name: part.filename, bytes: await part.toBuffer() });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ClientError(413, `files[${files.length}]: larger than ${PHOTO_FILE_BYTES / 1048576} MB`, refusal('photo_too_large', { maximumMegabytes: PHOTO_FILE_BYTES / 1048576 }));
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new ClientError(413, `files: at most ${PHOTOS_PER_ACTION} photos at once`, refusal('too_many_photos', { maximum: PHOTOS_PER_ACTION }));
      if (code === 'FST_FIELDS_LIMIT') throw new ClientError(400, 'send files only, no other fields', refusal('request_rejected', { reason: 'fields_not_files' }));
      throw error;
    }
    if (files.length === 0) throw new ClientError(400, 'files: no photo was sent', refusal('no_file', { field: 'files' }));
    return reply.code(201).send(await uploadPhotos(fastify.store, photoFiles, files, account.id, fastify.now()));
  });

  fastify.get('/photos/:id/:variant', {
    // A big screen's device shows the after-photo of a closed problem in its live feed: it holds `live`, as every problem role does.
    config: { permission: 'live', deviceTokenInQuery: true },
    schema: {
      tags: ['photos'], params: PhotoParams, querystring: PhotoDeviceQuery,
      summary: 'A photo: its thumbnail, its display size (JPEG), or the original as it was uploaded (EXIF and all), to whoever may see its problem; a screen device, a problem\'s photos in their two smaller sizes',
      response: withErrors({ 200: Binary }),
    },
  }, async (request, reply) => {
    const { variant } = request.params;
    const viewer = { id: request.principal?.kind === 'account' ? request.principal.account.id : null, scope: scopeOf(request) };
    if (viewer.id === null && variant === 'original') throw notFound('photo', request.params.id, `photo ${request.params.id}'s original`);
    const photo = await visiblePhoto(fastify.store, request.params.id, viewer);
    return reply
      .type(variant === 'original' ? photo.mediaType : 'image/jpeg')
      // Stored under its content's hash, a photo never changes: the browser may keep it.
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(createReadStream(photoFiles.pathOf(photo.sha256, photo.mediaType, variant)));
  });
};
export default routes;
