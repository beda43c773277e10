import type { FastifyReply } from 'fastify';

/**
 * A download: an ASCII file name for old clients, and the Chinese one (RFC 6266) for the rest;
 * `inline` for a file the browser should show itself (a PDF), under the same name when saved.
 */
export function attachment(reply: FastifyReply, asciiName: string, name: string, type: string, disposition: 'attachment' | 'inline' = 'attachment'): FastifyReply {
  return reply.type(type).header('content-disposition', `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}
