import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zAuditEntry, zAuditQuery } from '../../../common/schemas/audit.js';
import { zPage } from '../../../common/schemas/common.js';
import type { RouteCtx } from '../../app.js';
import { XLSX_CONTENT_TYPE } from '../../lib/excel.js';
import { metaOf, requireAbility, sendFile } from '../../lib/http.js';
import { exportAudit, searchAudit } from './service.js';

const tags = ['audit'];

export function auditRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/',
      { schema: { tags, summary: 'Search the audit log (操作日志) in my scope', querystring: zAuditQuery, response: { 200: zPage(zAuditEntry) } } },
      async (req) => searchAudit(ctx.db, requireAbility(req, 'audit.view'), req.query),
    );
    r.get(
      '/export',
      { schema: { tags, summary: 'Export the audit log to Excel (needs SMS re-verification)', querystring: zAuditQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => {
        const body = await exportAudit(ctx, requireAbility(req, 'audit.export'), req.query, req.lang, metaOf(req));
        const day = new Date().toISOString().slice(0, 10);
        return sendFile(reply, `操作日志-${day}.xlsx`, XLSX_CONTENT_TYPE, body);
      },
    );
  };
}
