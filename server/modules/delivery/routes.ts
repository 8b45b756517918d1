import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId, zIdParams, zOk } from '../../../common/schemas/common.js';
import {
  zAttendanceBody,
  zCheckinBody,
  zCheckinCode,
  zCheckinCodeBody,
  zCheckinResult,
  zClassEvaluations,
  zEvaluationBody,
  zEvaluationStats,
  zEvaluationStatsQuery,
  zGradeImportResult,
  zGradesBody,
  zMaterial,
  zPassRate,
  zRoster,
  zTrainingRecord,
} from '../../../common/schemas/training.js';
import { MATERIAL_MAX_BYTES } from '../../../common/training.js';
import type { RouteCtx } from '../../app.js';
import { XLSX_CONTENT_TYPE } from '../../lib/excel.js';
import { DOC_CONTENT_TYPES, headerFileName } from '../../lib/file-type.js';
import { acceptRawFiles, actorOf, metaOf, requireBody, sendFile } from '../../lib/http.js';
import { learningProof, recordTeacherId, trainingRecord } from './record.js';
import {
  checkIn,
  classEvaluations,
  createCheckinCode,
  deleteMaterial,
  evaluate,
  evaluationStats,
  gradeTemplate,
  importGrades,
  listMaterials,
  passRates,
  readMaterial,
  recordAttendance,
  recordGrades,
  roster,
  uploadMaterial,
} from './service.js';

const tags = ['delivery'];
const zMaterialParams = z.strictObject({ id: zId, materialId: zId });

/** DLV-1..6: check-in, grades, evaluation, materials, pass rates, training record. */
export function deliveryRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    acceptRawFiles(app);

    r.get(
      '/classes/:id/roster',
      { schema: { tags, summary: 'Admitted enrolees with attendance, grades and evaluation', params: zIdParams, response: { 200: zRoster } } },
      async (req) => roster(ctx.db, actorOf(req), req.params.id),
    );
    r.put(
      '/classes/:id/attendance',
      { schema: { tags, summary: 'Attendance of one day by list (DLV-1)', params: zIdParams, body: zAttendanceBody, response: { 200: zOk } } },
      async (req) => {
        await recordAttendance(ctx.db, actorOf(req), req.params.id, req.body.day, req.body.enrolmentIds);
        return { ok: true as const };
      },
    );
    r.post(
      '/classes/:id/checkin-code',
      {
        schema: { tags, summary: 'A time-limited six-digit check-in code (DLV-1)', params: zIdParams, body: zCheckinCodeBody, response: { 200: zCheckinCode } },
      },
      async (req) => createCheckinCode(ctx.db, actorOf(req), req.params.id, req.body.day, req.body.minutes, ctx.clock.now()),
    );
    r.post(
      '/checkin',
      {
        // Six digits are guessable only by trying: a few attempts a minute per client.
        config: { rateLimit: { max: 10, timeWindow: 60_000 } },
        schema: { tags, summary: 'A teacher checks in with a code (phone)', body: zCheckinBody, response: { 200: zCheckinResult } },
      },
      async (req) => checkIn(ctx, actorOf(req), req.body.code),
    );
    r.put(
      '/classes/:id/grades',
      {
        schema: {
          tags,
          summary: 'Record pass/fail and scores; a pass writes the ledger (DLV-2)',
          params: zIdParams,
          body: zGradesBody,
          response: { 200: z.object({ changed: z.number().int() }) },
        },
      },
      async (req) => ({
        changed: await recordGrades(ctx, actorOf(req), req.params.id, req.body.items, metaOf(req)),
      }),
    );
    r.get('/classes/:id/grades/template', { schema: { tags, summary: 'The class list as a grade sheet', params: zIdParams } }, async (req, reply) =>
      sendFile(reply, '成绩录入表.xlsx', XLSX_CONTENT_TYPE, await gradeTemplate(ctx.db, actorOf(req), req.params.id)),
    );
    r.post(
      '/classes/:id/grades/import',
      {
        bodyLimit: 2 * 1024 * 1024,
        schema: { tags, summary: 'Import grades from the sheet (all rows or none)', params: zIdParams, response: { 200: zGradeImportResult } },
      },
      async (req) => importGrades(ctx, actorOf(req), req.params.id, requireBody(req.body), metaOf(req)),
    );
    r.get(
      '/classes/:id/evaluations',
      { schema: { tags, summary: 'The evaluations of a class (DLV-3)', params: zIdParams, response: { 200: zClassEvaluations } } },
      async (req) => classEvaluations(ctx, actorOf(req), req.params.id),
    );
    r.post(
      '/enrolments/:id/evaluation',
      {
        schema: {
          tags,
          summary: 'An attendee rates a finished class (DLV-3)',
          params: zIdParams,
          body: zEvaluationBody,
          response: { 200: z.object({ overdue: z.boolean() }) },
        },
      },
      async (req) => evaluate(ctx, actorOf(req), req.params.id, req.body),
    );
    r.get(
      '/evaluations/stats',
      {
        schema: {
          tags,
          summary: 'Evaluation statistics per institution, project or class',
          querystring: zEvaluationStatsQuery,
          response: { 200: zEvaluationStats },
        },
      },
      async (req) => evaluationStats(ctx.db, actorOf(req), req.query),
    );
    r.get(
      '/pass-rates',
      {
        schema: {
          tags,
          summary: 'Pass rates per class (DLV-5)',
          querystring: z.strictObject({ projectId: zId.optional() }),
          response: { 200: z.array(zPassRate) },
        },
      },
      async (req) => passRates(ctx.db, actorOf(req), req.query.projectId),
    );
    r.get(
      '/classes/:id/materials',
      { schema: { tags, summary: 'Process materials (DLV-4)', params: zIdParams, response: { 200: z.array(zMaterial) } } },
      async (req) => listMaterials(ctx.db, actorOf(req), req.params.id),
    );
    r.post(
      '/classes/:id/materials',
      {
        bodyLimit: MATERIAL_MAX_BYTES + 1024,
        schema: { tags, summary: 'Upload a material (raw body, name in x-file-name)', params: zIdParams, response: { 200: zMaterial } },
      },
      async (req) =>
        uploadMaterial(ctx.db, ctx.storage, actorOf(req), req.params.id, requireBody(req.body), headerFileName(req.headers['x-file-name'], '材料')),
    );
    r.get('/classes/:id/materials/:materialId', { schema: { tags, summary: 'Download a material', params: zMaterialParams } }, async (req, reply) => {
      const m = await readMaterial(ctx.db, ctx.storage, actorOf(req), req.params.id, req.params.materialId);
      return sendFile(reply, m.name, DOC_CONTENT_TYPES[m.type], m.body);
    });
    r.delete(
      '/classes/:id/materials/:materialId',
      { schema: { tags, summary: 'Delete a material', params: zMaterialParams, response: { 200: zOk } } },
      async (req) => {
        await deleteMaterial(ctx.db, ctx.storage, actorOf(req), req.params.id, req.params.materialId);
        return { ok: true as const };
      },
    );

    r.get('/me/training-record', { schema: { tags, summary: 'My training record (DLV-6)', response: { 200: zTrainingRecord } } }, async (req) =>
      trainingRecord(ctx.db, await recordTeacherId(ctx.db, actorOf(req), 'me')),
    );
    r.get('/me/training-record/proof.pdf', { schema: { tags, summary: 'My printable proof of learning 学习证明 (PDF)' } }, async (req, reply) => {
      const id = await recordTeacherId(ctx.db, actorOf(req), 'me');
      return sendFile(reply, '学习证明.pdf', 'application/pdf', await learningProof(ctx.db, id, ctx.clock.now()));
    });
    r.get(
      '/teachers/:id/training-record',
      { schema: { tags, summary: 'A teacher’s training record, for admins in scope', params: zIdParams, response: { 200: zTrainingRecord } } },
      async (req) => trainingRecord(ctx.db, await recordTeacherId(ctx.db, actorOf(req), req.params.id)),
    );
  };
}
