import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { withErrors, ErrorResponse } from '../schemas/common.ts';
import {
  Account, AccountChangeBody, AccountList, AccountSessions, NewAccountBody, NewScreenDevice, NewScreenDeviceBody, ScreenDeviceList, ScreenDeviceParams, UsernameParams, ScreenDevice,
} from '../schemas/accounts.ts';
import { notFound } from '../errors.ts';
import { signedInAccount } from '../plugins/authentication.ts';
import { accountAnswer, changeAccount, createAccount, createScreenDevice, deviceAnswer, endSessions, revokeScreenDevice, sessionAnswer } from '../services/accounts.ts';
import { Type } from 'typebox';

/** The administrator's: accounts and the big screens' device tokens, of the administrator's own district. */
const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const config = { permission: 'accounts' } as const;
  const context = (request: FastifyRequest) => {
    const { served, account } = signedInAccount(request);
    return { store: served.store, district: served.district, origin: { username: account.username, address: request.ip }, now: fastify.now() };
  };

  fastify.get('/accounts', {
    config, schema: { tags: ['accounts'], summary: 'Every account of the district, disabled ones too', response: withErrors({ 200: AccountList }) },
  }, async (request) => {
    const { store, now } = context(request);
    return { accounts: await Promise.all((await store.security.repositories.accounts.list()).map((account) => accountAnswer(store, account, now))) };
  });

  fastify.post('/accounts', {
    config, bodyLimit: 16_384,
    schema: { tags: ['accounts'], summary: 'Create an account; it must change its password at first sign-in', body: NewAccountBody, response: withErrors({ 201: Account, 409: ErrorResponse }) },
  }, async (request, reply) => {
    const { store, origin, now } = context(request);
    return reply.code(201).send(await accountAnswer(store, await createAccount(store, request.body, origin, now), now));
  });

  fastify.patch('/accounts/:username', {
    config, bodyLimit: 16_384,
    schema: {
      tags: ['accounts'], summary: 'Change an account: name, roles, department, grids; disable or enable it; reset its password; unlock it',
      params: UsernameParams, body: AccountChangeBody, response: withErrors({ 200: Account }),
    },
  }, async (request) => {
    const { store, origin, now } = context(request);
    return accountAnswer(store, await changeAccount(store, request.params.username, request.body, origin, now), now);
  });

  fastify.get('/accounts/:username/sessions', {
    config, schema: { tags: ['accounts'], summary: 'The account\'s latest sessions, open and ended', params: UsernameParams, response: withErrors({ 200: AccountSessions }) },
  }, async (request) => {
    const { store } = context(request);
    const account = await store.security.repositories.accounts.byUsername(request.params.username);
    if (!account) throw notFound('account', request.params.username);
    return { sessions: (await store.security.repositories.sessions.listOf(account.id, 50)).map(sessionAnswer) };
  });

  fastify.post('/accounts/:username/sessions/end', {
    config, schema: {
      tags: ['accounts'], summary: 'End every open session of the account; it must sign in again', params: UsernameParams,
      response: withErrors({ 200: Type.Object({ ended: Type.Integer() }) }),
    },
  }, async (request) => {
    const { store, origin, now } = context(request);
    return { ended: await endSessions(store, request.params.username, origin, now) };
  });

  fastify.get('/screen-devices', {
    config, schema: { tags: ['accounts'], summary: 'The big screens allowed to show the wall', response: withErrors({ 200: ScreenDeviceList }) },
  }, async (request) => ({ devices: (await context(request).store.security.repositories.screenDevices.list()).map(deviceAnswer) }));

  fastify.post('/screen-devices', {
    config, bodyLimit: 4096,
    schema: { tags: ['accounts'], summary: 'Name a new big screen: its token and link are shown this once', body: NewScreenDeviceBody, response: withErrors({ 201: NewScreenDevice }) },
  }, async (request, reply) => {
    const { store, district, origin, now } = context(request);
    const { device, secret } = await createScreenDevice(store, request.body.name, origin, now);
    const token = `${district.code}.${secret}`;
    const path = fastify.servedDistricts.length > 1 ? `/d/${district.code}/screen` : '/screen';
    return reply.code(201).send({ device: deviceAnswer(device), token, link: `${path}?device=${token}` });
  });

  fastify.post('/screen-devices/:id/revoke', {
    config, schema: { tags: ['accounts'], summary: 'Revoke a big screen\'s token: its wall stops at once', params: ScreenDeviceParams, response: withErrors({ 200: ScreenDevice }) },
  }, async (request) => {
    const { store, origin, now } = context(request);
    return deviceAnswer(await revokeScreenDevice(store, request.params.id, origin, now));
  });
};
export default routes;
