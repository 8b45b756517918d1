import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams, zOk, zPage } from '../../../common/schemas/common.js';
import {
  zAccountListQuery,
  zAdminAccount,
  zAdminCreate,
  zAdminListQuery,
  zLockedAccount,
  zOneTimePassword,
  zPersonalData,
} from '../../../common/schemas/org.js';
import type { RouteCtx } from '../../app.js';
import { metaOf, requireAbility } from '../../lib/http.js';
import { createAdmin, listAdmins, listLockedAccounts, resetAccountPassword, setAccountDisabled, unlockAccount, viewPersonalData } from './service.js';

const tags = ['accounts'];

export function accountRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/admins',
      { schema: { tags, summary: 'Unit admins in my scope (单位管理员)', querystring: zAdminListQuery, response: { 200: zPage(zAdminAccount) } } },
      async (req) => listAdmins(ctx.db, requireAbility(req, 'admins.view'), req.query),
    );
    r.post(
      '/admins',
      {
        schema: {
          tags,
          summary: 'Create a unit admin with a one-time password',
          body: zAdminCreate,
          response: { 200: z.object({ account: zAdminAccount, oneTimePassword: z.string() }) },
        },
      },
      async (req) => createAdmin(ctx, requireAbility(req, 'admins.manage'), req.body, metaOf(req)),
    );
    r.get(
      '/accounts/locked',
      { schema: { tags, summary: 'Locked accounts in my scope (已锁定用户)', querystring: zAccountListQuery, response: { 200: zPage(zLockedAccount) } } },
      async (req) => listLockedAccounts(ctx.db, requireAbility(req, 'accounts.locked'), req.query),
    );
    r.post('/accounts/:id/unlock', { schema: { tags, summary: 'Unlock an account', params: zIdParams, response: { 200: zOk } } }, async (req) => {
      await unlockAccount(ctx, requireAbility(req, 'accounts.locked'), req.params.id, metaOf(req));
      return { ok: true as const };
    });
    r.post(
      '/accounts/:id/reset-password',
      { schema: { tags, summary: 'Reset to a one-time password', params: zIdParams, response: { 200: zOneTimePassword } } },
      async (req) => resetAccountPassword(ctx, requireAbility(req, 'admins.manage'), req.params.id, metaOf(req)),
    );
    r.post('/accounts/:id/disable', { schema: { tags, params: zIdParams, response: { 200: zOk } } }, async (req) => {
      await setAccountDisabled(ctx, requireAbility(req, 'admins.manage'), req.params.id, true, metaOf(req));
      return { ok: true as const };
    });
    r.post('/accounts/:id/enable', { schema: { tags, params: zIdParams, response: { 200: zOk } } }, async (req) => {
      await setAccountDisabled(ctx, requireAbility(req, 'admins.manage'), req.params.id, false, metaOf(req));
      return { ok: true as const };
    });
    r.get(
      '/accounts/:id/personal-data',
      { schema: { tags, summary: 'Unmasked mobile and ID number (needs SMS re-verification; audited)', params: zIdParams, response: { 200: zPersonalData } } },
      async (req) => viewPersonalData(ctx, requireAbility(req, 'admins.view'), req.params.id, metaOf(req)),
    );
  };
}
