import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  zBindMobileBody,
  zChangePasswordBody,
  zLoginPasswordBody,
  zLoginSmsBody,
  zMe,
  zResetBySmsBody,
  zReverifyBody,
  zSmsSendBody,
  zSmsSendResult,
  zSwitchRoleBody,
  zUpdateMeBody,
} from '../../../common/schemas/auth.js';
import { zOk } from '../../../common/schemas/common.js';
import type { RouteCtx } from '../../app.js';
import { actorOf, metaOf } from '../../lib/http.js';
import type { Actor } from '../org/scope.js';
import {
  bindMobile,
  changePassword,
  findRoleViews,
  loginWithPassword,
  loginWithSms,
  logout,
  presentMe,
  resetPasswordBySms,
  reverify,
  sendReverifyCode,
  sendSmsCode,
  setLanguage,
  switchRole,
} from './service.js';
import { SESSION_COOKIE } from './session.js';

const tags = ['auth'];

export function authRoutes(ctx: RouteCtx): FastifyPluginAsync {
  const loginLimit = { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' };
  const smsLimit = { max: ctx.config.smsRatePerHour, timeWindow: '1 hour' };

  function setSessionCookie(reply: FastifyReply, token: string) {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.cookieSecure,
      maxAge: Math.floor(ctx.config.sessionTtlMs / 1000),
    });
  }

  /** Re-reads the session after a change so the answer shows the new state. */
  async function freshMe(token: string | undefined, fallback: Actor) {
    const actor = (token && (await ctx.sessions.resolve(token))) || fallback;
    return presentMe(actor, await findRoleViews(ctx.db, actor.accountId), ctx);
  }

  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/login',
      {
        schema: { tags, summary: 'Log in with username / 师训号 / ID number / mobile and password', body: zLoginPasswordBody, response: { 200: zMe } },
        config: { public: true, rateLimit: loginLimit },
      },
      async (req, reply) => {
        const { token, actor } = await loginWithPassword(ctx, req.body, metaOf(req), req.cookies[SESSION_COOKIE]);
        setSessionCookie(reply, token);
        return presentMe(actor, await findRoleViews(ctx.db, actor.accountId), ctx);
      },
    );

    r.post(
      '/login/sms',
      { schema: { tags, summary: 'Log in with an SMS code', body: zLoginSmsBody, response: { 200: zMe } }, config: { public: true, rateLimit: loginLimit } },
      async (req, reply) => {
        const { token, actor } = await loginWithSms(ctx, req.body, metaOf(req), req.cookies[SESSION_COOKIE]);
        setSessionCookie(reply, token);
        return presentMe(actor, await findRoleViews(ctx.db, actor.accountId), ctx);
      },
    );

    r.post(
      '/sms',
      {
        schema: { tags, summary: 'Send an SMS code (login, password reset, phone binding)', body: zSmsSendBody, response: { 200: zSmsSendResult } },
        config: { public: true, rateLimit: smsLimit },
      },
      async (req) => {
        const result = await sendSmsCode(ctx, req.body, metaOf(req), req.actor);
        return { ok: true as const, ...result };
      },
    );

    r.post(
      '/password/reset-by-sms',
      {
        schema: { tags, summary: 'Reset a forgotten password with an SMS code', body: zResetBySmsBody, response: { 200: zOk } },
        config: { public: true, rateLimit: loginLimit },
      },
      async (req) => {
        await resetPasswordBySms(ctx, req.body, metaOf(req));
        return { ok: true as const };
      },
    );

    r.get('/me', { schema: { tags, summary: 'Who am I', response: { 200: zMe } }, config: { allowMustChange: true } }, async (req) => {
      const actor = actorOf(req);
      return presentMe(actor, await ctx.sessions.memo(actor.sessionId, 'roles', () => findRoleViews(ctx.db, actor.accountId)), ctx);
    });

    r.patch(
      '/me',
      { schema: { tags, summary: 'Set my language', body: zUpdateMeBody, response: { 200: zMe } }, config: { allowMustChange: true } },
      async (req, reply) => {
        const actor = actorOf(req);
        await setLanguage(ctx, actor, req.body.language);
        reply.setCookie('sx_lang', req.body.language, { path: '/', sameSite: 'lax' });
        return freshMe(req.cookies[SESSION_COOKIE], actor);
      },
    );

    r.post('/logout', { schema: { tags, summary: 'Log out', response: { 200: zOk } }, config: { allowMustChange: true } }, async (req, reply) => {
      await logout(ctx, actorOf(req), metaOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    r.post(
      '/password',
      { schema: { tags, summary: 'Change my password', body: zChangePasswordBody, response: { 200: zMe } }, config: { allowMustChange: true } },
      async (req) => {
        const actor = actorOf(req);
        await changePassword(ctx, actor, req.body, metaOf(req));
        return freshMe(req.cookies[SESSION_COOKIE], actor);
      },
    );

    r.post('/mobile', { schema: { tags, summary: 'Bind or rebind my mobile', body: zBindMobileBody, response: { 200: zMe } } }, async (req) => {
      const actor = actorOf(req);
      await bindMobile(ctx, actor, req.body, metaOf(req));
      return freshMe(req.cookies[SESSION_COOKIE], actor);
    });

    r.post('/switch', { schema: { tags, summary: 'Switch identity (切换身份)', body: zSwitchRoleBody, response: { 200: zMe } } }, async (req) => {
      const actor = actorOf(req);
      await switchRole(ctx, actor, req.body.roleId, metaOf(req));
      return freshMe(req.cookies[SESSION_COOKIE], actor);
    });

    r.post(
      '/reverify/sms',
      { schema: { tags, summary: 'Send a re-verification code to my bound mobile', response: { 200: zSmsSendResult } }, config: { rateLimit: smsLimit } },
      async (req) => ({ ok: true as const, ...(await sendReverifyCode(ctx, actorOf(req), metaOf(req))) }),
    );

    r.post(
      '/reverify',
      { schema: { tags, summary: 'Re-verify by SMS for sensitive operations (30 minutes)', body: zReverifyBody, response: { 200: zMe } } },
      async (req) => {
        const actor = actorOf(req);
        await reverify(ctx, actor, req.body.code, metaOf(req));
        return freshMe(req.cookies[SESSION_COOKIE], actor);
      },
    );
  };
}
