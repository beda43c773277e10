/** Errors the API reports to its caller; anything else is a 5xx with its details hidden. */
export class ClientError extends Error {
  constructor(readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ClientError';
  }
}

/** The write cannot be done as things now are; `details` says how they are (the problem, the allowed actions). */
export function conflict(message: string, details: Record<string, unknown>): ClientError {
  return new ClientError(409, message, details);
}

/** A service we pass requests on to (a site's tile server) failed; the message names it, never its key. */
export class UpstreamError extends Error {
  readonly statusCode = 502;
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** A request parameter that is malformed or names nothing that exists. */
export function invalidParameter(parameter: string, problem: string): ClientError {
  return new ClientError(400, `${parameter}: ${problem}`);
}

export function notFound(what: string): ClientError {
  return new ClientError(404, `${what} does not exist`);
}

/** No one is signed in, or the session has ended. */
export function unauthenticated(message = 'sign in first: this needs an account'): ClientError {
  return new ClientError(401, message);
}

/** Signed in, but the account's role does not allow this. */
export function forbidden(message: string): ClientError {
  return new ClientError(403, message);
}
