import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zIdParams, zPage } from '../../../common/schemas/common.js';
import {
  zInstitution,
  zInstitutionCreate,
  zInstitutionListQuery,
  zInstitutionUpdate,
  zRegionNode,
  zSchool,
  zSchoolCreate,
  zSchoolListQuery,
  zSchoolUpdate,
} from '../../../common/schemas/org.js';
import type { RouteCtx } from '../../app.js';
import { metaOf, requireAbility } from '../../lib/http.js';
import {
  createInstitution,
  createSchool,
  findRegionTree,
  getInstitution,
  getSchool,
  listInstitutions,
  listSchools,
  updateInstitution,
  updateSchool,
} from './service.js';

const schoolLabels = { fieldLabels: { code: 'schoolCode' } };

export function orgRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { db } = ctx;

    r.get('/regions', { schema: { tags: ['org'], summary: 'Region tree within my scope, with school counts', response: { 200: zRegionNode } } }, async (req) =>
      findRegionTree(db, requireAbility(req, 'regions.view')),
    );

    r.get(
      '/schools',
      { schema: { tags: ['org'], summary: 'Schools in my scope', querystring: zSchoolListQuery, response: { 200: zPage(zSchool) } } },
      async (req) => listSchools(db, requireAbility(req, 'schools.view'), req.query),
    );
    r.get('/schools/:id', { schema: { tags: ['org'], params: zIdParams, response: { 200: zSchool } } }, async (req) =>
      getSchool(db, requireAbility(req, 'schools.view'), req.params.id),
    );
    r.post(
      '/schools',
      { config: schoolLabels, schema: { tags: ['org'], summary: 'Create a school (bureau in scope)', body: zSchoolCreate, response: { 200: zSchool } } },
      async (req) => createSchool(db, requireAbility(req, 'schools.create'), req.body, metaOf(req)),
    );
    r.patch(
      '/schools/:id',
      { config: schoolLabels, schema: { tags: ['org'], params: zIdParams, body: zSchoolUpdate, response: { 200: zSchool } } },
      async (req) => updateSchool(db, requireAbility(req, 'schools.update'), req.params.id, req.body, metaOf(req)),
    );

    r.get(
      '/institutions',
      { schema: { tags: ['org'], summary: 'Training institutions in my scope', querystring: zInstitutionListQuery, response: { 200: zPage(zInstitution) } } },
      async (req) => listInstitutions(db, requireAbility(req, 'institutions.view'), req.query),
    );
    r.get('/institutions/:id', { schema: { tags: ['org'], params: zIdParams, response: { 200: zInstitution } } }, async (req) =>
      getInstitution(db, requireAbility(req, 'institutions.view'), req.params.id),
    );
    r.post(
      '/institutions',
      { schema: { tags: ['org'], summary: 'Create an institution (province)', body: zInstitutionCreate, response: { 200: zInstitution } } },
      async (req) => createInstitution(db, requireAbility(req, 'institutions.create'), req.body, metaOf(req)),
    );
    r.patch('/institutions/:id', { schema: { tags: ['org'], params: zIdParams, body: zInstitutionUpdate, response: { 200: zInstitution } } }, async (req) =>
      updateInstitution(db, requireAbility(req, 'institutions.update'), req.params.id, req.body, metaOf(req)),
    );
  };
}
