import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withErrors } from '../schemas/common.ts';
import { Bulletin, BulletinFileParams, BulletinFileQuery, BulletinIdParams, BulletinList, BulletinListQuery, NewBulletinBody } from '../schemas/bulletins.ts';
import { notFound } from '../errors.ts';
import { signedInAccount } from '../plugins/authentication.ts';
import { issueBulletin } from '../bulletins/issue-bulletin.ts';
import { toInstant } from '../store/instants.ts';
import type { District } from '../store/districts.ts';
import type { PhotoFiles } from '../photos/photo-files.ts';
import type { BulletinFormat, BulletinRecord } from '../store/repositories.ts';
import { attachment } from './attachment.ts';

const MEDIA_TYPES: Record<BulletinFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The office's bulletins: issued, archived by series, downloaded again byte for byte. */
const routes: FastifyPluginAsyncTypebox<{ district: District; photoFiles: PhotoFiles }> = async (fastify, { district, photoFiles }) => {
  const prefix = `/api/districts/${district.code}/bulletins`;
  const answer = ({ madeAt, formats, ...bulletin }: BulletinRecord) => ({
    ...bulletin, madeAt: toInstant(madeAt), files: Object.fromEntries(formats.map((format) => [format, `${prefix}/${bulletin.id}/${format}`])),
  });

  fastify.get('/bulletins', {
    config: { permission: 'bulletins' },
    schema: { tags: ['bulletins'], summary: 'The archive: issued bulletins (and drafts when asked), the newest first', querystring: BulletinListQuery, response: withErrors({ 200: BulletinList }) },
  }, async (request) => ({ items: (await fastify.repositories.bulletins.list(request.query)).map(answer) }));

  fastify.post('/bulletins', {
    config: { permission: 'issuing' },
    schema: { tags: ['bulletins'], summary: 'Issue a bulletin (the next number of its series) or make a draft of one', body: NewBulletinBody, response: withErrors({ 201: Bulletin }) },
  }, async (request, reply) => {
    const { bulletin } = await issueBulletin(fastify.store, district, photoFiles, { ...request.body, madeBy: signedInAccount(request).account.username }, fastify.now());
    return reply.code(201).send(answer(bulletin));
  });

  fastify.get('/bulletins/:id', {
    config: { permission: 'bulletins' },
    schema: { tags: ['bulletins'], summary: 'One bulletin', params: BulletinIdParams, response: withErrors({ 200: Bulletin }) },
  }, async (request) => {
    const bulletin = await fastify.repositories.bulletins.byId(request.params.id);
    if (!bulletin) throw notFound('bulletin', request.params.id);
    return answer(bulletin);
  });

  fastify.get('/bulletins/:id/:format', {
    config: { permission: 'bulletins' },
    schema: {
      tags: ['bulletins'], summary: 'A bulletin\'s file, byte for byte as it was issued', params: BulletinFileParams, querystring: BulletinFileQuery,
      response: withErrors({ 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) }),
    },
  }, async (request, reply) => {
    const { id, format } = request.params;
    const [bulletin, file] = await Promise.all([fastify.repositories.bulletins.byId(id), fastify.repositories.bulletins.file(id, format)]);
    if (!bulletin || !file) throw notFound('bulletin', id, `bulletin ${id} as ${format}`);
    const label = bulletin.number === null ? '草稿' : `${bulletin.year}年第${bulletin.number}期`;
    return attachment(reply, `bulletin-${id}.${format}`, `${bulletin.title}（${label}）.${format}`, MEDIA_TYPES[format], request.query.view)
      .header('etag', `"${file.sha256}"`).header('cache-control', 'private, max-age=31536000, immutable').send(file.bytes);
  });
};
export default routes;
