import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withErrors } from '../schemas/common.ts';
import { AuditPage, AuditQuery } from '../schemas/accounts.ts';
import { signedInAccount } from '../plugins/authentication.ts';
import { addDays, formatChinaDateTime, formatChinaStamp, startOfChinaDay } from '../domain/china-time.ts';
import { invalidParameter } from '../errors.ts';
import { toInstant } from '../store/instants.ts';
import { auditEntry, type AuditFilters, type AuditRecord } from '../store/security.ts';
import type { AuditQuery as AuditQueryType } from '../schemas/contract.ts';

/** Rows one export holds at most; a longer span is exported in parts. */
const EXPORT_ROWS = 100_000;

function filtersOf(query: Omit<AuditQueryType, 'limit' | 'cursor'>): AuditFilters {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) throw invalidParameter('to', 'the last day comes before the first', 'window_reversed', {});
  return {
    username: query.username, action: query.action, outcome: query.outcome,
    from: query.from === undefined ? undefined : startOfChinaDay(query.from),
    before: query.to === undefined ? undefined : startOfChinaDay(addDays(query.to, 1)),
  };
}

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading =, +, - or @ would be a formula to a spreadsheet: kept as text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The auditor's: the audit log, read and filtered, and exported for the record. */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const entryAnswer = (entry: AuditRecord) => ({ ...entry, occurredAt: toInstant(entry.occurredAt) });

  fastify.get('/audit', {
    config: { permission: 'audit' },
    schema: { tags: ['audit'], summary: 'The audit log, newest first, a page at a time', querystring: AuditQuery, response: withErrors({ 200: AuditPage }) },
  }, async (request) => {
    const { limit, cursor, ...query } = request.query;
    if (cursor !== undefined && !/^[1-9]\d{0,15}$/.test(cursor)) throw invalidParameter('cursor', `'${cursor}' is not a cursor this API gave out`, 'bad_cursor', {});
    const entries = await signedInAccount(request).served.store.security.repositories.audit.list(filtersOf(query), limit + 1, cursor === undefined ? undefined : Number(cursor));
    const page = entries.slice(0, limit);
    return { entries: page.map(entryAnswer), nextCursor: entries.length > limit ? String(page.at(-1)!.id) : null };
  });

  fastify.get('/audit/export', {
    config: { permission: 'audit' },
    schema: {
      tags: ['audit'], summary: 'The filtered audit log as CSV (UTF-8, for Excel); the export itself is logged',
      querystring: Type.Omit(AuditQuery, ['limit', 'cursor']), response: withErrors({ 200: Type.String() }),
    },
  }, async (request, reply) => {
    const { served, account } = signedInAccount(request);
    const now = fastify.now();
    const filters = filtersOf(request.query);
    const entries = await served.store.security.repositories.audit.list(filters, EXPORT_ROWS);
    await served.store.security.repositories.audit.record(auditEntry({ username: account.username, address: request.ip }, now, 'audit.export', null, { ...request.query, rows: entries.length }));
    const header = ['id', '时间 (China time)', '账号', '地址', '操作', '对象', '结果', '详情'];
    const lines = entries.map((entry) => [entry.id, formatChinaDateTime(entry.occurredAt), entry.username, entry.address, entry.action, entry.target, entry.outcome, entry.detail].map(csvField).join(','));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${served.district.code}-${formatChinaStamp(now)}.csv"`)
      .send(`\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`);
  });
};
export default routes;
