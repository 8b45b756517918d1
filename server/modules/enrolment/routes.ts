import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldLabel } from '../../../common/i18n/errors.js';
import { zIdParams, zOk, zPage } from '../../../common/schemas/common.js';
import {
  zBatchResult,
  zCancelBody,
  zCatalogueItem,
  zCatalogueQuery,
  zCollectiveBody,
  zCollectiveResult,
  zEnrolBody,
  zEnrolment,
  zEnrolmentBatchReview,
  zEnrolmentListQuery,
  zEnrolmentReview,
  zExpandBody,
  zLeaveBody,
  zLottery,
} from '../../../common/schemas/training.js';
import type { RouteCtx } from '../../app.js';
import { type AppError, renderError } from '../../lib/errors.js';
import { actorOf, metaOf } from '../../lib/http.js';
import { cancelClass, collectiveEnrol, expandClass, getLottery, placeUnderfilled, runLottery } from './adjust.js';
import { actOnEnrolment, actOnEnrolments, catalogue, enrol, fileLeave, getEnrolment, listEnrolments, myTeacher, revokeLeave } from './service.js';

const tags = ['enrolment'];

/** ENR-1..10: catalogue, enrolment, reviews, lottery, adjustments, collective enrolment, leave. */
export function enrolmentRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const message = (err: AppError, lang: 'zh-CN' | 'en-US') => renderError(err, lang, (f) => fieldLabel(f, lang)).message;

    r.get(
      '/catalogue',
      { schema: { tags, summary: 'Classes open to me (ENR-1)', querystring: zCatalogueQuery, response: { 200: zPage(zCatalogueItem) } } },
      async (req) => catalogue(ctx, actorOf(req), req.query),
    );
    r.post(
      '/enrolments',
      { schema: { tags, summary: 'A teacher enrols in a class (ENR-2, round 2: ENR-7)', body: zEnrolBody, response: { 200: zEnrolment } } },
      async (req) => {
        const actor = actorOf(req);
        return enrol(ctx, actor, await myTeacher(ctx.db, actor), req.body.classId);
      },
    );
    r.get(
      '/enrolments',
      { schema: { tags, summary: 'Enrolments in my scope (teacher: mine, ENR-10)', querystring: zEnrolmentListQuery, response: { 200: zPage(zEnrolment) } } },
      async (req) => listEnrolments(ctx, actorOf(req), req.query),
    );
    r.get(
      '/enrolments/:id',
      { schema: { tags, summary: 'One enrolment with every review step', params: zIdParams, response: { 200: zEnrolment } } },
      async (req) => getEnrolment(ctx, actorOf(req), req.params.id),
    );
    r.post(
      '/enrolments/:id/withdraw',
      { schema: { tags, summary: 'The teacher withdraws before the school acts (ENR-3)', params: zIdParams, response: { 200: zEnrolment } } },
      async (req) => {
        const actor = actorOf(req);
        await actOnEnrolment(ctx, actor, req.params.id, 'withdraw', undefined);
        return getEnrolment(ctx, actor, req.params.id);
      },
    );
    r.post(
      '/enrolments/:id/review',
      {
        schema: {
          tags,
          summary: 'School / bureau / institution review, or a bureau removal (ENR-4, ENR-3)',
          params: zIdParams,
          body: zEnrolmentReview,
          response: { 200: zEnrolment },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await actOnEnrolment(ctx, actor, req.params.id, req.body.action, req.body.reason);
        return getEnrolment(ctx, actor, req.params.id);
      },
    );
    r.post(
      '/enrolments/review',
      { schema: { tags, summary: 'The same review on many enrolments; each refusal says why', body: zEnrolmentBatchReview, response: { 200: zBatchResult } } },
      async (req) => {
        const out = await actOnEnrolments(ctx, actorOf(req), req.body.ids, req.body.action, req.body.reason);
        return { done: out.done, failed: out.failed.map((f) => ({ id: f.id, reason: message(f.error, req.lang) })) };
      },
    );
    r.post(
      '/enrolments/:id/leave',
      {
        schema: {
          tags,
          summary: 'The school files leave, optionally with a replacement (ENR-9)',
          params: zIdParams,
          body: zLeaveBody,
          response: { 200: z.object({ replacementId: z.number().int().nullable() }) },
        },
      },
      async (req) => ({ replacementId: await fileLeave(ctx, actorOf(req), req.params.id, req.body.reason, req.body.replacementTeacherId) }),
    );
    r.post(
      '/enrolments/:id/revoke-leave',
      { schema: { tags, summary: 'Revoke leave while the class runs (ENR-9)', params: zIdParams, response: { 200: zEnrolment } } },
      async (req) => {
        const actor = actorOf(req);
        await revokeLeave(ctx, actor, req.params.id);
        return getEnrolment(ctx, actor, req.params.id);
      },
    );
    r.post(
      '/enrolments/collective',
      {
        schema: {
          tags,
          summary: 'School: enrol many teachers in a class, or a teacher in many classes (ENR-8)',
          body: zCollectiveBody,
          response: { 200: zCollectiveResult },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const b = req.body;
        const pairs =
          'classIds' in b
            ? b.classIds.map((classId) => ({ teacherId: b.teacherId, classId }))
            : b.teacherIds.map((teacherId) => ({ teacherId, classId: b.classId }));
        const results = await collectiveEnrol(ctx, actor, pairs);
        return {
          accepted: results.filter((x) => !x.error).length,
          results: results.map((x) => ({
            teacherId: x.teacherId,
            classId: x.classId,
            ok: !x.error,
            enrolmentId: x.enrolmentId,
            reason: x.error ? message(x.error, req.lang) : null,
          })),
        };
      },
    );

    r.post(
      '/classes/:id/lottery',
      {
        schema: {
          tags,
          summary: 'Institution: run the one lottery of an oversubscribed class after round 1 (ENR-5)',
          params: zIdParams,
          response: { 200: zLottery },
        },
      },
      async (req) => runLottery(ctx, actorOf(req), req.params.id, metaOf(req)),
    );
    r.get(
      '/classes/:id/lottery',
      { schema: { tags, summary: 'The lottery: seed, candidates, selection and how to re-run it', params: zIdParams, response: { 200: zLottery } } },
      async (req) => getLottery(ctx, actorOf(req), req.params.id),
    );
    r.post(
      '/classes/:id/expand',
      {
        schema: {
          tags,
          summary: 'Bureau: expand a class by at most 50 % of planned capacity (ENR-6)',
          params: zIdParams,
          body: zExpandBody,
          response: { 200: zOk },
        },
      },
      async (req) => {
        await expandClass(ctx, actorOf(req), req.params.id, req.body.capacity, metaOf(req));
        return { ok: true as const };
      },
    );
    r.post(
      '/classes/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Bureau: cancel a class; enrolees are told and their hours freed (ENR-6)',
          params: zIdParams,
          body: zCancelBody,
          response: { 200: zOk },
        },
      },
      async (req) => {
        await cancelClass(ctx, actorOf(req), req.params.id, req.body.reason, metaOf(req));
        return { ok: true as const };
      },
    );
    r.post(
      '/projects/:id/place-underfilled',
      {
        schema: {
          tags,
          summary: 'Close under-filled classes and place their enrolees in other classes (PRJ-6)',
          params: zIdParams,
          response: { 200: z.object({ closed: z.number().int(), moved: z.number().int(), cancelled: z.number().int() }) },
        },
      },
      async (req) => placeUnderfilled(ctx, actorOf(req), req.params.id, metaOf(req)),
    );
  };
}
