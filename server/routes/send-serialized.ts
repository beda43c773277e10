import type { FastifyReply } from 'fastify';

/** Sends an answer serialized beforehand (a kept one) as it is; the route's schema still documents it. */
export const sendSerialized = (reply: FastifyReply, body: string) => reply.type('application/json; charset=utf-8').send(body);
