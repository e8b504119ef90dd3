import { routes } from '@orderloop/contract';
import type { FastifyReply } from 'fastify';
import { requireStaff } from '../access/access.ts';
import type { Config } from '../config.ts';
import { type Endpoint, endpoint } from '../http/register.ts';
import { changePassword, login, logout } from './auth-service.ts';
import { customerLogin, customerMe, requestCustomerCode } from './customer-auth.ts';
import { buildMe } from './me.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './sessions.ts';

function setSessionCookies(reply: FastifyReply, config: Config, token: string, csrf: string, expires: Date) {
  const base = { path: '/', secure: config.cookieSecure, sameSite: 'lax' as const, expires };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  // readable by the console's script, which echoes it in X-CSRF-Token; useless to another site
  reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export const identityEndpoints: Endpoint[] = [
  endpoint(routes.login, async (ctx, { body }, { reply }) => {
    const { session, me } = await login(ctx, body);
    if (body.mode === 'cookie') {
      setSessionCookies(reply, ctx.config, session.token, session.csrfToken!, session.expiresAt);
      return { me, expiresAt: session.expiresAt.toISOString(), csrfToken: session.csrfToken! };
    }
    return { me, expiresAt: session.expiresAt.toISOString(), token: session.token };
  }),
  endpoint(routes.logout, async (ctx, _input, { reply }) => {
    const result = await logout(ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return result;
  }),
  endpoint(routes.me, async (ctx) => buildMe(ctx, requireStaff(ctx.actor))),
  endpoint(routes.changePassword, async (ctx, { body }) => changePassword(ctx, body)),
  endpoint(routes.customerRequestCode, async (ctx, { body }) => requestCustomerCode(ctx, body)),
  endpoint(routes.customerLogin, async (ctx, { body }) => customerLogin(ctx, body)),
  endpoint(routes.customerMe, async (ctx) => customerMe(ctx)),
];
