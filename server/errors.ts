/** Errors the API reports to its caller; anything else is a 5xx with its details hidden. */
export class ClientError extends Error {
  constructor(readonly statusCode: 400 | 404 | 409, message: string) {
    super(message);
    this.name = 'ClientError';
  }
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
