import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams, zPage } from '../../../common/schemas/common.js';
import { zArchiveBody, zTeacher, zTeacherCreate, zTeacherCreated, zTeacherListQuery } from '../../../common/schemas/teachers.js';
import type { RouteCtx } from '../../app.js';
import { metaOf, requireAbility } from '../../lib/http.js';
import { addTeacher, authorisePrincipal, getTeacher, listTeachers, setSchoolAdmin, setTeacherStatus } from './service.js';

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
    r.post('/teachers', { schema: { tags, summary: 'Add a teacher (添加教师)', body: zTeacherCreate, response: { 200: zTeacherCreated } } }, async (req) =>
      addTeacher(ctx, requireAbility(req, 'teachers.manage'), req.body, metaOf(req)),
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
      '/teachers/:id/school-admin',
      {
        schema: { tags, summary: 'Grant or revoke school admin', params: zIdParams, body: z.strictObject({ grant: z.boolean() }), response: { 200: zTeacher } },
      },
      async (req) => setSchoolAdmin(ctx, requireAbility(req, 'teachers.manage'), req.params.id, req.body.grant, metaOf(req)),
    );
  };
}
