import { Type } from 'typebox';
import { BULLETIN_SERIES } from '../bulletins/bulletin-content.ts';
import { Instant } from './common.ts';
import { MAXIMUM_SPECIAL_PROBLEMS } from '../bulletins/special-figures.ts';

export const BulletinSeries = Type.Enum(BULLETIN_SERIES, { description: 'daily 日通报, weekly 周通报, monthly 月通报, special 督查专报' });
export const BulletinFormat = Type.Enum(['docx', 'pdf', 'xlsx']);

export const Bulletin = Type.Object({
  id: Type.Integer(),
  series: BulletinSeries,
  year: Type.Integer(),
  number: Type.Union([Type.Integer(), Type.Null()], { description: '期号 within the series and year; null for a draft' }),
  title: Type.String(),
  firstDay: Type.String({ format: 'date', description: 'the first day its figures cover' }),
  lastDay: Type.String({ format: 'date', description: 'the day it reports' }),
  madeAt: Instant,
  madeBy: Type.String({ description: 'the account that made it, or schedule' }),
  correctsId: Type.Union([Type.Integer(), Type.Null()], { description: 'the bulletin this one corrects' }),
  files: Type.Record(Type.String(), Type.String(), { description: 'each format it was issued in, and its address' }),
});

export const BulletinList = Type.Object({ items: Type.Array(Bulletin) });

export const BulletinListQuery = Type.Object({
  series: Type.Optional(BulletinSeries),
  drafts: Type.Boolean({ default: false, description: 'list drafts too' }),
});

export const NewBulletinBody = Type.Object({
  series: BulletinSeries,
  issueIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: MAXIMUM_SPECIAL_PROBLEMS, description: 'a 督查专报: the problems it is about, in the order they appear (a correction names them again)' })),
  date: Type.Optional(Type.String({
    format: 'date',
    description: 'a 日通报: the day it reports (today when not given); a 周通报 or 月通报: a day of the week (Monday to Sunday) or month it reports (the last whole one when not given). China time.',
  })),
  from: Type.Optional(Type.String({ format: 'date', description: 'a 周通报 or 月通报 over chosen days: the first (with to)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'a 周通报 or 月通报 over chosen days: the last (with from), today at the latest' })),
  draft: Type.Boolean({ default: false, description: 'a draft to preview: kept, never numbered' }),
  corrects: Type.Optional(Type.Integer({ minimum: 1, description: 'the id of the issued bulletin this one corrects' })),
});

export const BulletinIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const BulletinFileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), format: BulletinFormat });
export const BulletinFileQuery = Type.Object({
  view: Type.Enum(['attachment', 'inline'], { default: 'attachment', description: 'inline: for the browser to show (a PDF previewed before issuing); attachment: to save' }),
});
