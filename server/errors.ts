import type { RefusalCode, RefusalParams, RefusalValue } from './schemas/refusal-codes.ts';

/** Why a request is refused, as a stable code and its parameters (see schemas/refusal-codes.ts). */
export interface Refusal {
  code: RefusalCode;
  params: Record<string, RefusalValue>;
}

export const refusal = <Code extends RefusalCode>(code: Code, params: RefusalParams<Code>): Refusal => ({ code, params });

/** Errors the API reports to its caller; anything else is a 5xx with its details hidden. */
export class ClientError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429,
    message: string,
    readonly refusal: Refusal,
    /** More of the answer, beside the refusal: a conflict's problem as it now is, its allowed actions. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** The write cannot be done as things now are; `details` says how they are (the problem, the allowed actions). */
export function conflict(message: string, why: Refusal, details: Record<string, unknown> = {}): ClientError {
  return new ClientError(409, message, why, details);
}

/** A service we pass requests on to (a site's tile server) failed; the message names it, never its key. */
export class UpstreamError extends Error {
  readonly statusCode = 502;
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamError';
  }
}

type FieldCode = { [Code in RefusalCode]: RefusalParams<Code> extends { field: RefusalValue } ? Code : never }[RefusalCode];

/** A request parameter that is malformed or names nothing that exists; a code says which way, `invalid_parameter` when nothing more is to be said. */
export function invalidParameter(field: string, problem: string): ClientError;
export function invalidParameter<Code extends FieldCode>(field: string, problem: string, code: Code, params: Omit<RefusalParams<Code>, 'field'>): ClientError;
export function invalidParameter(field: string, problem: string, code: RefusalCode = 'invalid_parameter', params: Record<string, RefusalValue> = {}): ClientError {
  return new ClientError(400, `${field}: ${problem}`, { code, params: { field, ...params } });
}

/** The things a request can name that may not exist. */
export type Resource = 'account' | 'screen_device' | 'photo' | 'grid' | 'import' | 'bulletin' | 'issue' | 'inspection_point' | 'base_map';

export function notFound(resource: Resource, id: string | number, what = `${resource.replace('_', ' ')} ${id}`): ClientError {
  return new ClientError(404, `${what} does not exist`, refusal('not_found', { resource, id }));
}

/** No one is signed in, or the session has ended. */
export function unauthenticated(message = 'sign in first: this needs an account', code: 'sign_in_needed' | 'session_unknown' | 'device_unknown' = 'sign_in_needed'): ClientError {
  return new ClientError(401, message, { code, params: {} });
}

/** Signed in, but the account's role or scope does not allow this. */
export function forbidden(message: string, why: Refusal): ClientError {
  return new ClientError(403, message, why);
}
