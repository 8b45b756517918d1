import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams, zPage } from '../../../common/schemas/common.js';
import {
  zParticipantsInput,
  zProject,
  zProjectInput,
  zProjectListQuery,
  zProjectReview,
  zQuotasInput,
  zTrainingYear,
  zTrainingYearInput,
  zYearParams,
} from '../../../common/schemas/training.js';
import { PLAN_MAX_BYTES } from '../../../common/training.js';
import type { RouteCtx } from '../../app.js';
import { DOC_CONTENT_TYPES, headerFileName } from '../../lib/file-type.js';
import { acceptRawFiles, actorOf, metaOf, requireBody, sendFile } from '../../lib/http.js';
import { listYears, presentYear, requireCurrentYear, setTrainingYear } from './calendar.js';
import { actOnProject, createProject, getProject, listProjects, readPlan, setParticipants, setQuotas, updateProject, uploadPlan } from './service.js';

const tags = ['projects'];

/** PRJ-1 calendar and PRJ-2..7 projects. */
export function projectRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    acceptRawFiles(app);

    r.get(
      '/training-years/current',
      { schema: { tags, summary: 'The current training year and which round is open', response: { 200: zTrainingYear } } },
      async (req) => {
        actorOf(req);
        return presentYear(await requireCurrentYear(ctx.db), ctx.clock.now());
      },
    );
    r.get('/training-years', { schema: { tags, summary: 'All training years', response: { 200: z.array(zTrainingYear) } } }, async (req) => {
      actorOf(req);
      return listYears(ctx.db, ctx.clock.now());
    });
    r.put(
      '/training-years/:year',
      {
        schema: {
          tags,
          summary: 'The province sets a year: windows (Asia/Shanghai dates), evaluation days, hour cap',
          params: zYearParams,
          body: zTrainingYearInput,
          response: { 200: zTrainingYear },
        },
      },
      async (req) => setTrainingYear(ctx.db, actorOf(req), req.params.year, req.body, ctx.clock.now(), metaOf(req)),
    );

    r.get(
      '/projects',
      {
        schema: {
          tags,
          summary: 'Projects in my scope (institution: mine; bureau: my region; toReview: waiting for me)',
          querystring: zProjectListQuery,
          response: { 200: zPage(zProject) },
        },
      },
      async (req) => listProjects(ctx.db, actorOf(req), req.query),
    );
    r.post(
      '/projects',
      { schema: { tags, summary: 'Declare a project with 1–4 classes (a draft)', body: zProjectInput, response: { 200: zProject } } },
      async (req) => {
        const actor = actorOf(req);
        const id = await createProject(ctx.db, actor, req.body, metaOf(req));
        return getProject(ctx.db, actor, id);
      },
    );
    r.get(
      '/projects/:id',
      { schema: { tags, summary: 'A project with classes, quotas, history and what I may do', params: zIdParams, response: { 200: zProject } } },
      async (req) => getProject(ctx.db, actorOf(req), req.params.id),
    );
    r.put(
      '/projects/:id',
      { schema: { tags, summary: 'Edit a draft or rejected project', params: zIdParams, body: zProjectInput, response: { 200: zProject } } },
      async (req) => {
        const actor = actorOf(req);
        await updateProject(ctx.db, actor, req.params.id, req.body, ctx.clock.now(), metaOf(req));
        return getProject(ctx.db, actor, req.params.id);
      },
    );
    for (const action of ['submit', 'resubmit', 'withdraw'] as const) {
      r.post(
        `/projects/:id/${action}`,
        { schema: { tags, summary: `Institution: ${action}`, params: zIdParams, response: { 200: zProject } } },
        async (req) => {
          const actor = actorOf(req);
          await actOnProject(ctx.db, actor, req.params.id, action, undefined, ctx.clock.now(), metaOf(req));
          return getProject(ctx.db, actor, req.params.id);
        },
      );
    }
    r.post(
      '/projects/:id/review',
      {
        schema: {
          tags,
          summary: 'The routed bureau approves or rejects (reason required)',
          params: zIdParams,
          body: zProjectReview,
          response: { 200: zProject },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await actOnProject(ctx.db, actor, req.params.id, req.body.action, req.body.reason, ctx.clock.now(), metaOf(req));
        return getProject(ctx.db, actor, req.params.id);
      },
    );
    r.put(
      '/projects/:id/plan',
      {
        // Room above the plan limit, so an oversized plan gets the plan's own message (500 KB).
        bodyLimit: 4 * PLAN_MAX_BYTES,
        schema: {
          tags,
          summary: 'Upload the training plan (raw body; doc/docx/xls/xlsx/pdf by content, ≤ 500 KB; name in x-file-name)',
          params: zIdParams,
          response: { 200: zProject },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await uploadPlan(
          ctx.db,
          ctx.storage,
          actor,
          req.params.id,
          requireBody(req.body),
          headerFileName(req.headers['x-file-name'], '培训方案'),
          ctx.clock.now(),
        );
        return getProject(ctx.db, actor, req.params.id);
      },
    );
    r.get('/projects/:id/plan', { schema: { tags, summary: 'Download the training plan (PRJ-7)', params: zIdParams } }, async (req, reply) => {
      const plan = await readPlan(ctx.db, ctx.storage, actorOf(req), req.params.id);
      return sendFile(reply, plan.name, DOC_CONTENT_TYPES[plan.type], plan.body);
    });
    r.put(
      '/projects/:id/quotas',
      {
        schema: {
          tags,
          summary: 'Province: places per city/county of a provincial project (PRJ-6)',
          params: zIdParams,
          body: zQuotasInput,
          response: { 200: zProject },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await setQuotas(ctx.db, actor, req.params.id, req.body);
        return getProject(ctx.db, actor, req.params.id);
      },
    );
    r.put(
      '/classes/:id/participants',
      {
        schema: {
          tags,
          summary: 'Directive project (PRJ-5): the participant list by 师训号',
          params: zIdParams,
          body: zParticipantsInput,
          response: { 200: z.object({ listed: z.number().int(), classId: z.number().int() }) },
        },
      },
      async (req) => setParticipants(ctx.db, actorOf(req), req.params.id, req.body.shixunNos),
    );
  };
}
