import type { FastifyReply } from 'fastify';

/** A download: an ASCII file name for old clients, and the Chinese one (RFC 6266) for the rest. */
export function attachment(reply: FastifyReply, asciiName: string, name: string, type: string): FastifyReply {
  return reply.type(type).header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}
