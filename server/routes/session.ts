import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorResponse, withErrors } from '../schemas/common.ts';
import { PasswordChangeBody, SessionAnswer, SignInBody } from '../schemas/accounts.ts';
import { ClientError, refusal } from '../errors.ts';
import { signedInAccount } from '../plugins/authentication.ts';
import { signIn, type SignedInAccount } from '../services/sessions.ts';
import { accountAnswer, changeOwnPassword } from '../services/accounts.ts';
import { toInstant } from '../store/instants.ts';
import { auditEntry } from '../store/security.ts';

/** Signing in and out, and one's own password: `POST|GET|DELETE /api/session`, `PUT /api/session/password`. */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { securityOptions: options } = fastify;
  const answer = async ({ served, account, session, csrfToken }: SignedInAccount) => {
    const { username, displayName, roles, departmentId, gridCodes, mustChangePassword } = await accountAnswer(served.store, account, fastify.now());
    return {
      account: { username, displayName, roles, departmentId, gridCodes, mustChangePassword },
      district: served.district,
      csrfToken,
      session: { signedInAt: toInstant(session.createdAt), idleMinutes: options.sessionIdleMinutes, endsAt: toInstant(session.createdAt + options.sessionHours * 3_600_000) },
    };
  };
  const origin = (request: FastifyRequest) => ({ address: request.ip, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null });

  fastify.post('/session', {
    config: { permission: 'open', rateLimit: { groupId: 'sign-ins', max: options.signInsPerMinute, timeWindow: 60_000 } },
    bodyLimit: 4096,
    schema: { tags: ['accounts'], summary: 'Sign in: the session cookie comes back with the account', body: SignInBody, response: withErrors({ 200: SessionAnswer, 423: ErrorResponse }) },
  }, async (request, reply) => {
    const { username, password, district } = request.body;
    if (fastify.servedDistricts.length === 0) throw new ClientError(409, 'this installation has no district yet: its administrator sets it up first', refusal('setup_needed', {}));
    const candidates = fastify.servedDistricts.filter((served) => district === undefined || served.district.code === district);
    if (candidates.length === 0) throw new ClientError(400, `district: there is no district ${district} here`, refusal('unknown_district_name', { district: district ?? '' }));
    const holding = candidates.length === 1 ? candidates
      : (await Promise.all(candidates.map(async (served) => (await served.store.security.repositories.accounts.byUsername(username)) && served))).filter((served) => served !== undefined);
    if (holding.length > 1) throw new ClientError(400, `district: ${holding.length} districts here have an account ${username}; name the district`, refusal('ambiguous_username', { count: holding.length }));
    const { credential, principal } = await signIn(holding[0] ?? candidates[0]!, username, password, origin(request), fastify.now(), options);
    fastify.setSessionCookie(request, reply, credential);
    return answer(principal);
  });

  fastify.get('/session', {
    config: { permission: 'account' },
    schema: { tags: ['accounts'], summary: 'Who is signed in, with the CSRF token their writes carry', response: withErrors({ 200: SessionAnswer }) },
  }, async (request) => answer(signedInAccount(request)));

  fastify.delete('/session', {
    config: { permission: 'account' },
    schema: { tags: ['accounts'], summary: 'Sign out: the session ends and the cookie is cleared', response: withErrors({ 204: { type: 'null' } }) },
  }, async (request, reply) => {
    const { served, session, account } = signedInAccount(request);
    const now = fastify.now();
    await served.store.security.transaction(async ({ sessions, audit }) => {
      await sessions.end(session.id, now, 'signed_out');
      await audit.record(auditEntry({ username: account.username, address: request.ip }, now, 'sign_out', `session:${session.id}`, null));
    });
    fastify.setSessionCookie(request, reply, null);
    return reply.code(204).send();
  });

  fastify.put('/session/password', {
    config: { permission: 'account' },
    bodyLimit: 4096,
    schema: { tags: ['accounts'], summary: 'Change one\'s own password; the account\'s other sessions end', body: PasswordChangeBody, response: withErrors({ 204: { type: 'null' } }) },
  }, async (request, reply) => {
    const { served, account, session } = signedInAccount(request);
    await changeOwnPassword(served.store, account, session.id, request.body.currentPassword, request.body.newPassword, { username: account.username, address: request.ip }, fastify.now());
    return reply.code(204).send();
  });
};
export default routes;
