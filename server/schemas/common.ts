import type { Readable } from 'node:stream';
import { Type, type TSchema } from 'typebox';
import { RELATIVE_PERIODS } from '../domain/performance-window.ts';
import { REFUSAL_CODES } from './refusal-codes.ts';

/** Shared response pieces. Times are ISO 8601 instants in UTC; clients show them in China time. */

/** A schema for one of a fixed list of strings (a vocabulary), typed as that list's union. */
export const literals = <T extends string[]>(values: readonly [...T]) => Type.Enum(values);

export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant (UTC)' });
export const NullableInstant = Type.Union([Instant, Type.Null()]);

/** Why a request was refused, for a client to say in its user's language (schemas/refusal-codes.ts lists each code's parameters). */
export const RefusalFields = Type.Object({
  code: literals(REFUSAL_CODES),
  params: Type.Record(Type.String(), Type.Unknown(), { description: 'the values the code\'s text names: field, state, allowed actions, versions, …' }),
});

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String({ description: 'What was wrong, naming the parameter, in English' }),
    ...RefusalFields.properties,
    lockedUntil: Type.Optional(Type.String({ format: 'date-time', description: 'account_locked: when the lock lifts' })),
    attemptsLeft: Type.Optional(Type.Integer({ description: 'wrong_password: wrong tries left before the account locks' })),
  },
);

export const Reference = Type.Object({ id: Type.Integer(), name: Type.String() });

/** The error responses every route can give: a bad request, no session (401), a role that may not (403), nothing there or out of scope (404). */
export function withErrors<T extends Record<number, TSchema>>(responses: T) {
  return { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, ...responses };
}

const LinearRing = Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }));
export const PolygonGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(LinearRing) }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(LinearRing)) }),
]);

export const DateOrInstant = Type.String({
  description: 'a date (YYYY-MM-DD, a whole day in China time) or an ISO 8601 date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T.+)?$',
});

/** The whole China days a performance figure covers. */
export const WindowDays = Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date', description: 'last day, inclusive' }) });

/**
 * The days a performance figure covers: explicit dates, or days relative to today on the
 * server's clock (never the browser's), answered with the window used.
 */
export const PerformanceWindowQuery = {
  from: Type.Optional(DateOrInstant),
  to: Type.Optional(DateOrInstant),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660, description: 'the N full China days before today (not with from/to)' })),
  period: Type.Optional(Type.Enum(RELATIVE_PERIODS, { description: 'last-week: the latest full Monday–Sunday week; last-month: the latest full calendar month (not with from/to)' })),
  offsetDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3660, description: 'moves days or period this many days back (1: as it stood yesterday)' })),
};

/** Bytes answered as they are (a tile, a photo): never serialized. */
export const Binary = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' });
