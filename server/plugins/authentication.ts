import fastifyPlugin from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_PERMISSIONS, holdsPermission, problemScope, type Permission, type ProblemScope } from '../domain/roles.ts';
import type { Actor } from '../services/issue-workflow.ts';
import { ClientError, forbidden, unauthenticated, refusal } from '../errors.ts';
import type { SecurityOptions } from '../security-options.ts';
import { parseCredential, resumeSession, screenDevice, type Principal, type SignedInAccount } from '../services/sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs of whoever asks (server/domain/roles.ts); every route declares it. */
    permission?: Permission;
    /** The live feed: a screen's EventSource cannot send a header, so it may carry its device token as `?device=`. */
    deviceTokenInQuery?: boolean;
    /** The district whose data the route serves (its `/api/districts/<code>/` prefix), read once when it is registered. */
    district?: string;
  }
  interface FastifyRequest {
    /** Who is asking: set on every route but the open ones. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route registered, as it was declared; its permission is read when it is asked for. */
    registeredRoutes: RouteOptions[];
    securityOptions: SecurityOptions;
    /** Sets the session cookie for a credential, or clears it. */
    setSessionCookie(request: FastifyRequest, reply: FastifyReply, credential: string | null): void;
  }
}

export const SESSION_COOKIE = 'civgrid_session';
export const CSRF_HEADER = 'x-csrf-token';
const READING = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The account signed in on this request; for routes only accounts reach. */
export function signedInAccount(request: FastifyRequest): SignedInAccount {
  if (request.principal?.kind !== 'account') throw forbidden('this needs a signed-in account, not a screen device', refusal('account_needed', {}));
  return request.principal;
}

/** Which problems the request may see: a screen device's wall counts every one, as the wall always has. */
export function scopeOf(request: FastifyRequest): ProblemScope {
  return request.principal?.kind === 'account' ? problemScope(request.principal.account) : { kind: 'all' };
}

/** The signed-in account's username; a screen device has none. */
export const usernameOf = (request: FastifyRequest): string | undefined =>
  request.principal?.kind === 'account' ? request.principal.account.username : undefined;

/** The signed-in account as the workflow records it. */
export function actorOf(request: FastifyRequest): Actor {
  const { account } = signedInAccount(request);
  return {
    accountId: account.id, username: account.username, displayName: account.displayName, roles: account.roles, scope: problemScope(account), gridIds: account.gridIds, address: request.ip,
  };
}

const bearerOf = (request: FastifyRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who is asking, and whether they may: every route declares a permission; an open one is let
 * through, any other needs a signed-in account (session cookie) or a screen device (bearer token)
 * of the route's district that holds it. Writes by cookie also carry the session's CSRF token.
 */
export default fastifyPlugin<SecurityOptions>(async (fastify, options) => {
  await fastify.register(cookie);
  fastify.decorate('registeredRoutes', []);
  fastify.decorate('securityOptions', options);
  fastify.decorateRequest('principal', null);
  fastify.decorate('setSessionCookie', (request: FastifyRequest, reply: FastifyReply, credential: string | null) => {
    const attributes = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: options.behindTlsProxy || request.protocol === 'https' };
    if (credential === null) reply.clearCookie(SESSION_COOKIE, attributes);
    else reply.setCookie(SESSION_COOKIE, credential, { ...attributes, maxAge: options.sessionHours * 3600 });
  });

  fastify.addHook('onRoute', (route) => {
    fastify.registeredRoutes.push(route);
    const district = /^\/api\/districts\/([^/]+)\//.exec(route.url)?.[1];
    if (district !== undefined) route.config = { ...route.config, district };
  });
  fastify.addHook('onReady', async () => {
    const undeclared = fastify.registeredRoutes.filter((route) => route.config?.permission === undefined);
    if (undeclared.length > 0) throw new Error(`routes without a declared permission: ${undeclared.map((route) => `${String(route.method)} ${route.url}`).join(', ')}`);
  });

  async function principalOf(request: FastifyRequest): Promise<Principal> {
    const now = fastify.now();
    /** The served district and the secret a credential names, or null when it is not one this server gave out. */
    const resolve = (value: string) => {
      const credential = parseCredential(value);
      const served = credential && fastify.servedDistricts.find(({ district }) => district.code === credential.districtCode);
      return credential && served ? { served, secret: credential.secret } : null;
    };
    const bearer = bearerOf(request) ?? (request.routeOptions.config.deviceTokenInQuery ? (request.query as { device?: string }).device : undefined);
    if (bearer !== undefined) {
      const device = resolve(bearer);
      if (!device) throw unauthenticated('this device token is not one this server gave out', 'device_unknown');
      return screenDevice(device.served, device.secret, now);
    }
    const cookieValue = request.cookies[SESSION_COOKIE];
    if (cookieValue === undefined) throw unauthenticated();
    const session = resolve(cookieValue);
    if (!session) throw unauthenticated('this session is not known here; sign in again', 'session_unknown');
    return resumeSession(session.served, session.secret, now, options);
  }

  fastify.addHook('onRequest', async (request) => {
    const { permission, district: routeDistrict } = request.routeOptions.config;
    if (permission === undefined) {
      if (request.is404) return;
      throw forbidden('this route declares no permission', refusal('role_not_permitted', { permission: 'none' }));
    }
    if (permission === 'open') return;
    if (permission === 'monitoring' && options.metricsToken !== undefined) {
      const bearer = bearerOf(request);
      if (bearer !== undefined && sameToken(bearer, options.metricsToken)) return;
    }
    const principal = await principalOf(request);
    request.principal = principal;
    if (routeDistrict !== undefined && routeDistrict !== principal.served.district.code) {
      throw forbidden(`this account belongs to ${principal.served.district.name} (${principal.served.district.code}); it reaches no other district's data`, refusal('other_district', { district: principal.served.district.name }));
    }
    if (principal.kind === 'device') {
      if (!DEVICE_PERMISSIONS.includes(permission)) throw forbidden('a screen device shows the wall and nothing else', refusal('device_wall_only', {}));
      return;
    }
    const { account } = principal;
    if (account.mustChangePassword && permission !== 'signed-in' && permission !== 'account') {
      throw new ClientError(403, 'change your password first: it was set by an administrator', refusal('password_change_required', {}));
    }
    if (!holdsPermission(account.roles, permission)) throw forbidden(`the role ${account.roles.join(', ')} may not do this (it needs ${permission})`, refusal('role_not_permitted', { permission }));
    if (!READING.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameToken(given, principal.csrfToken)) {
        throw new ClientError(403, `${CSRF_HEADER}: a write needs the session's CSRF token (GET /api/session gives it); reload the page`, refusal('csrf', {}));
      }
    }
  });
}, { name: 'authentication', dependencies: ['served-districts', 'clock'] });
