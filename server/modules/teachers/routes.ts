import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams, zPage } from '../../../common/schemas/common.js';
import { zExtendedProfile, zSectionParams } from '../../../common/schemas/teacher-profile.js';
import {
  zArchiveBody,
  zChangeQuery,
  zImportQuery,
  zImportResult,
  zKeyChangeBody,
  zMyProfile,
  zMyProfileUpdate,
  zPoolQuery,
  zProfileChange,
  zReopenBody,
  zReviewBody,
  zTakeBody,
  zTeacher,
  zTeacherCreate,
  zTeacherCreated,
  zTeacherFilterQuery,
  zTeacherListQuery,
  zTeacherStats,
  zTeacherStatsQuery,
  zTransfer,
  zTransferCreate,
  zTransferListQuery,
  zTransferLookupQuery,
  zTransferPreview,
  zTransferReview,
} from '../../../common/schemas/teachers.js';
import type { RouteCtx } from '../../app.js';
import { AppError } from '../../lib/errors.js';
import { XLSX_CONTENT_TYPE } from '../../lib/excel.js';
import { actorOf, metaOf, requireAbility, sendFile } from '../../lib/http.js';
import { assertReverified } from '../auth/service.js';
import { getExtendedProfile, getMyExtendedProfile, saveMySection } from './extended.js';
import { buildImportTemplate, getImport, importTeachers, listImports, rejectedRowsWorkbook } from './import.js';
import { actOnChange, getMyProfile, listChanges, reopenForUpdate, submitKeyChange, updateMyProfile } from './profile.js';
import { addTeacher, authorisePrincipal, getTeacher, listTeachers, setSchoolAdmin, setTeacherStatus, verifyTeacher } from './service.js';
import { exportTeachers, teacherStats } from './stats.js';
import { actOnTransfer, applyTransfer, listPool, listTransfers, previewTransfer, releaseToPool, takeFromPool } from './transfers.js';

const tags = ['teachers'];

export function teacherRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/teachers',
      {
        schema: {
          tags,
          summary: 'Teachers in my scope: filters and search by name, ID number or 师训号',
          querystring: zTeacherListQuery,
          response: { 200: zPage(zTeacher) },
        },
      },
      async (req) => listTeachers(ctx.db, requireAbility(req, 'teachers.view'), req.query),
    );
    r.get('/teachers/:id', { schema: { tags, params: zIdParams, response: { 200: zTeacher } } }, async (req) =>
      getTeacher(ctx.db, requireAbility(req, 'teachers.view'), req.params.id),
    );
    r.post(
      '/teachers',
      {
        config: { fieldLabels: { name: 'realName' } },
        schema: { tags, summary: 'Add a teacher (添加教师)', body: zTeacherCreate, response: { 200: zTeacherCreated } },
      },
      async (req) => addTeacher(ctx, requireAbility(req, 'teachers.manage'), req.body, metaOf(req)),
    );
    r.post(
      '/teachers/:id/status',
      { schema: { tags, summary: 'Archive or re-activate (在职/离职/退休)', params: zIdParams, body: zArchiveBody, response: { 200: zTeacher } } },
      async (req) => setTeacherStatus(ctx, requireAbility(req, 'teachers.manage'), req.params.id, req.body.status, metaOf(req)),
    );
    r.post(
      '/teachers/:id/principal',
      { schema: { tags, summary: 'Authorise as the school principal (授权校长)', params: zIdParams, response: { 200: zTeacher } } },
      async (req) => authorisePrincipal(ctx, requireAbility(req, 'teachers.manage'), req.params.id, metaOf(req)),
    );
    r.post(
      '/teachers/:id/verify',
      { schema: { tags, summary: 'Confirm the identity (认证通过): key fields then change only by review', params: zIdParams, response: { 200: zTeacher } } },
      async (req) => verifyTeacher(ctx, requireAbility(req, 'teachers.manage'), req.params.id, metaOf(req)),
    );
    r.post(
      '/teachers/:id/school-admin',
      {
        schema: { tags, summary: 'Grant or revoke school admin', params: zIdParams, body: z.strictObject({ grant: z.boolean() }), response: { 200: zTeacher } },
      },
      async (req) => setSchoolAdmin(ctx, requireAbility(req, 'teachers.manage'), req.params.id, req.body.grant, metaOf(req)),
    );

    // TCH-3: the teacher's own record.
    r.get('/me/teacher', { schema: { tags, summary: 'My teacher record and change requests', response: { 200: zMyProfile } } }, async (req) =>
      getMyProfile(ctx.db, actorOf(req)),
    );
    r.patch('/me/teacher', { schema: { tags, summary: 'Change my non-key fields', body: zMyProfileUpdate, response: { 200: zMyProfile } } }, async (req) =>
      updateMyProfile(ctx, actorOf(req), req.body),
    );
    r.post(
      '/me/teacher/changes',
      {
        schema: {
          tags,
          summary: 'Submit key-field changes for review (提交审核), or resubmit a returned request',
          body: zKeyChangeBody,
          response: { 200: zMyProfile },
        },
      },
      async (req) => submitKeyChange(ctx, actorOf(req), req.body),
    );
    r.post(
      '/teacher-changes/:id/withdraw',
      { schema: { tags, summary: 'Withdraw my pending request', params: zIdParams, response: { 200: zProfileChange } } },
      async (req) => actOnChange(ctx, actorOf(req), req.params.id, 'withdraw', undefined, metaOf(req)),
    );
    // TCH-4: the school's review.
    r.get(
      '/teacher-changes',
      { schema: { tags, summary: "My school's change requests (信息审核)", querystring: zChangeQuery, response: { 200: zPage(zProfileChange) } } },
      async (req) => listChanges(ctx.db, requireAbility(req, 'teachers.manage'), req.query),
    );
    r.post(
      '/teacher-changes/:id/review',
      {
        schema: {
          tags,
          summary: 'Approve, reject (with reason) or return for re-update',
          params: zIdParams,
          body: zReviewBody,
          response: { 200: zProfileChange },
        },
      },
      async (req) => actOnChange(ctx, requireAbility(req, 'teachers.manage'), req.params.id, req.body.action, req.body.reason, metaOf(req)),
    );
    r.post(
      '/teachers/:id/reopen',
      { schema: { tags, summary: 'Open a record for re-update (重新更新)', params: zIdParams, body: zReopenBody, response: { 200: zProfileChange } } },
      async (req) => reopenForUpdate(ctx, requireAbility(req, 'teachers.manage'), req.params.id, req.body.reason, metaOf(req)),
    );

    // TCH-5: transfers (教师调动) and the free pool (自由人).
    r.get(
      '/transfers/lookup',
      {
        // A 师训号 is a sequence: looking them up one after another must not list the province.
        config: { rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Who a 师训号 is and what would block a transfer', querystring: zTransferLookupQuery, response: { 200: zTransferPreview } },
      },
      async (req) => previewTransfer(ctx.db, requireAbility(req, 'teachers.manage'), req.query.shixunNo),
    );
    r.post(
      '/transfers',
      { schema: { tags, summary: 'Apply to transfer a teacher into my school (教师调动申请)', body: zTransferCreate, response: { 200: zTransfer } } },
      async (req) => applyTransfer(ctx, requireAbility(req, 'teachers.manage'), req.body, metaOf(req)),
    );
    r.get(
      '/transfers',
      {
        schema: {
          tags,
          summary: 'Transfers I applied for, approve, or lose teachers by',
          querystring: zTransferListQuery,
          response: { 200: zPage(zTransfer) },
        },
      },
      async (req) => listTransfers(ctx.db, requireAbility(req, 'teachers.manage'), req.query),
    );
    r.post(
      '/transfers/:id/review',
      { schema: { tags, summary: 'Approve or reject (with reason) a transfer', params: zIdParams, body: zTransferReview, response: { 200: zTransfer } } },
      async (req) => actOnTransfer(ctx, requireAbility(req, 'teachers.manage'), req.params.id, req.body.action, req.body.reason, metaOf(req)),
    );
    r.post(
      '/transfers/:id/withdraw',
      { schema: { tags, summary: 'Withdraw my pending application', params: zIdParams, response: { 200: zTransfer } } },
      async (req) => actOnTransfer(ctx, requireAbility(req, 'teachers.manage'), req.params.id, 'withdraw', undefined, metaOf(req)),
    );
    r.post(
      '/teachers/:id/release',
      { schema: { tags, summary: 'Release a teacher to the free pool (调出到自由人)', params: zIdParams, response: { 200: zTeacher } } },
      async (req) => releaseToPool(ctx, requireAbility(req, 'teachers.manage'), req.params.id, metaOf(req)),
    );
    r.get(
      '/teacher-pool',
      { schema: { tags, summary: 'Teachers in the free pool (自由人)', querystring: zPoolQuery, response: { 200: zPage(zTeacher) } } },
      async (req) => listPool(ctx.db, requireAbility(req, 'teachers.manage'), req.query),
    );
    r.post(
      '/teacher-pool/:id/take',
      { schema: { tags, summary: 'Take a teacher from the free pool into my school', params: zIdParams, body: zTakeBody, response: { 200: zTeacher } } },
      async (req) => takeFromPool(ctx, requireAbility(req, 'teachers.manage'), req.params.id, req.body.schoolId, metaOf(req)),
    );

    // TCH-2: batch import (批量导入). The workbook is the raw request body, streamed, never buffered whole.
    app.addContentTypeParser([XLSX_CONTENT_TYPE, 'application/octet-stream'], (_req, payload, done) => done(null, payload));
    r.get('/teachers/import/template', { schema: { tags, summary: 'The import template (模板下载) with dropdowns' } }, async (req, reply) => {
      requireAbility(req, 'teachers.manage');
      return sendFile(reply, '教师信息导入模板.xlsx', XLSX_CONTENT_TYPE, await buildImportTemplate());
    });
    r.post(
      '/teachers/import',
      {
        schema: {
          tags,
          summary: 'Import teachers from an .xlsx body: every row checked; all-or-nothing or the valid rows',
          querystring: zImportQuery,
          response: { 200: zImportResult },
        },
      },
      async (req) => {
        const actor = requireAbility(req, 'teachers.manage');
        if (!req.body) throw new AppError('FILE_NOT_XLSX');
        // A declared size over the limit is refused before a byte is read.
        if (Number(req.headers['content-length'] ?? 0) > ctx.config.importMaxBytes) {
          throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(ctx.config.importMaxBytes / 1048576)} MB` });
        }
        const limits = { maxBytes: ctx.config.importMaxBytes, maxUnpacked: ctx.config.importMaxUnpackedBytes };
        return importTeachers({ ...ctx, ...limits }, actor, req.body as Readable, req.query, metaOf(req), req.lang);
      },
    );
    r.get('/teacher-imports', { schema: { tags, summary: 'Recent imports', response: { 200: z.array(zImportResult) } } }, async (req) =>
      listImports(ctx.db, requireAbility(req, 'teachers.manage'), req.lang),
    );
    r.get('/teacher-imports/:id', { schema: { tags, summary: 'An import result', params: zIdParams, response: { 200: zImportResult } } }, async (req) =>
      getImport(ctx.db, requireAbility(req, 'teachers.manage'), req.params.id, req.lang),
    );
    r.get(
      '/teacher-imports/:id/rejected.xlsx',
      { schema: { tags, summary: 'The rejected rows with row number, column and reason, ready to fix and re-import', params: zIdParams } },
      async (req, reply) => {
        const file = await rejectedRowsWorkbook(ctx.db, requireAbility(req, 'teachers.manage'), req.params.id, req.lang);
        return sendFile(reply, file.fileName, XLSX_CONTENT_TYPE, file.body);
      },
    );

    // TCH-8: statistics and export.
    r.get(
      '/teachers/stats',
      {
        schema: {
          tags,
          summary: 'Teacher counts by region, school, stage, subject, title, status, gender or age',
          querystring: zTeacherStatsQuery,
          response: { 200: zTeacherStats },
        },
      },
      async (req) => teacherStats(ctx.db, requireAbility(req, 'teachers.view'), req.query),
    );
    r.get(
      '/teachers/export',
      { schema: { tags, summary: 'Export the filtered teachers to Excel, unmasked (needs SMS re-verification; audited)', querystring: zTeacherFilterQuery } },
      async (req, reply) => {
        const actor = requireAbility(req, 'teachers.manage');
        assertReverified(actor, ctx.clock);
        const stream = await exportTeachers(ctx, actor, req.query, req.lang, metaOf(req));
        const day = ctx.clock.now().toISOString().slice(0, 10);
        return sendFile(reply, `教师信息-${day}.xlsx`, XLSX_CONTENT_TYPE, stream);
      },
    );

    // TCH-9: the extended profile.
    r.get(
      '/me/teacher/extended',
      { schema: { tags, summary: 'My extended profile (sections, required ones, completeness)', response: { 200: zExtendedProfile } } },
      async (req) => getMyExtendedProfile(ctx.db, actorOf(req)),
    );
    r.put(
      '/me/teacher/extended/:section',
      {
        schema: {
          tags,
          summary: 'Save one section of my extended profile',
          params: zSectionParams,
          body: z.strictObject({ data: z.unknown() }),
          response: { 200: zExtendedProfile },
        },
      },
      async (req) => saveMySection(ctx, actorOf(req), req.params.section, req.body.data),
    );
    r.get(
      '/teachers/:id/extended',
      { schema: { tags, summary: "A teacher's extended profile", params: zIdParams, response: { 200: zExtendedProfile } } },
      async (req) => getExtendedProfile(ctx.db, requireAbility(req, 'teachers.view'), req.params.id),
    );
  };
}
