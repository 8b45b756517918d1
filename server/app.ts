import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { fieldLabel } from '../common/i18n/errors.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { type Clock, systemClock } from './lib/clock.js';
import { AppError, renderError } from './lib/errors.js';
import { pickLanguage } from './lib/http.js';
import { securityHeaders } from './lib/security-headers.js';
import { serializerCompiler } from './lib/serializer.js';
import { createOutboxGateway, type SmsGateway } from './lib/sms.js';
import { createLocalStorage, type Storage } from './lib/storage.js';
import { validatorCompiler } from './lib/validation.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import type { AuthDeps } from './modules/auth/service.js';
import { createSessionStore, SESSION_COOKIE } from './modules/auth/session.js';
import { createSmsCodes } from './modules/auth/sms-codes.js';
import { settleCredits } from './modules/courses/learning.js';
import { learningRoutes } from './modules/courses/learning-routes.js';
import { courseRoutes } from './modules/courses/routes.js';
import { createProgressBuffer, type ProgressBuffer } from './modules/courses/watching.js';
import { watchingRoutes } from './modules/courses/watching-routes.js';
import { deliveryRoutes } from './modules/delivery/routes.js';
import { devRoutes } from './modules/dev/routes.js';
import { enrolmentRoutes } from './modules/enrolment/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { projectRoutes } from './modules/projects/routes.js';
import { teacherRoutes } from './modules/teachers/routes.js';

export type AppDeps = {
  config: Config;
  database: Database;
  clock?: Clock;
  sms?: SmsGateway;
  /** Uploaded files; local disk under DATA_DIR/files by default. */
  storage?: Storage;
  /** Directory of the built web app; served when it exists. */
  webDir?: string;
};

export type App = FastifyInstance & { deps: AuthDeps & { config: Config; progress: ProgressBuffer } };

const defaultWebDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the whole application; tests call this with their own database and clock. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const sessions = createSessionStore(database.db, clock, config.sessionTtlMs);
  const sms = deps.sms ?? createOutboxGateway(app.log);
  const authDeps: AuthDeps = {
    db: database.db,
    clock,
    sessions,
    smsCodes: createSmsCodes(database.db, clock, sms, config.smsRatePerHour),
    smsDevOutbox: config.smsDevOutbox,
  };
  // Video progress: buffered in memory, one batched upsert a second, the rest written on close.
  // Watching may complete a course (CRS-11): the credit is settled right after each flush.
  const progress = createProgressBuffer(database.db, clock, app.log, {
    onWritten: (pairs) => settleCredits(database.db, clock, pairs),
  });
  app.addHook('onClose', () => progress.close());
  (app as unknown as App).deps = { ...authDeps, config, progress };

  await app.register(cookie);
  const headers = securityHeaders({ hsts: config.cookieSecure });
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Shixun (师训) API', version: '0.1.0', description: 'Teacher-training management platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');

  // Who is calling, in which language, and may they call this route? A callback hook: a cached
  // session (nearly every request, video progress above all) costs no promise.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) {
      req.lang = pickLanguage(req);
      return done();
    }
    const hit = sessions.cached(token);
    if (hit) {
      req.actor = hit;
      req.lang = pickLanguage(req);
      return done();
    }
    sessions
      .resolve(token)
      .then((actor) => {
        req.actor = actor;
        req.lang = pickLanguage(req);
      })
      .then(() => done(), done);
  });
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const cfg = req.routeOptions.config;
    // Public routes (login, SMS, reset) only accept JSON bodies, which a cross-site form cannot send.
    if (req.actor && !SAFE_METHODS.has(req.method) && !cfg.public) {
      // CSRF: cookie-authenticated writes must echo the session's token in a header.
      if (req.headers['x-csrf-token'] !== req.actor.csrfToken) throw new AppError('CSRF_FAILED');
    }
    if (cfg.public) return;
    if (!req.actor) throw new AppError(req.cookies[SESSION_COOKIE] ? 'SESSION_REPLACED' : 'UNAUTHENTICATED');
    if (req.actor.mustChangePassword && !cfg.allowMustChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    // A route with a larger limit of its own (file uploads) names that limit.
    const appErr = toAppError(err, req.routeOptions.bodyLimit ?? config.bodyLimit);
    if (appErr.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    const aliases = req.routeOptions.config?.fieldLabels ?? {};
    return reply.status(appErr.status).send(renderError(appErr, req.lang, (f) => fieldLabel(aliases[f] ?? f, req.lang)));
  });

  app.get('/healthz', { schema: { hide: true }, config: { public: true } }, async () => {
    if (database.kind === 'pg') await database.pool?.query('select 1');
    return { ok: true, db: database.kind };
  });

  const storage = deps.storage ?? createLocalStorage(path.join(config.dataDir, 'files'));
  const ctx: RouteCtx = { ...authDeps, config, storage, progress };
  await app.register(authRoutes(ctx), { prefix: '/api/auth' });
  await app.register(orgRoutes(ctx), { prefix: '/api' });
  await app.register(accountRoutes(ctx), { prefix: '/api' });
  await app.register(auditRoutes(ctx), { prefix: '/api/audit' });
  await app.register(teacherRoutes(ctx), { prefix: '/api' });
  await app.register(projectRoutes(ctx), { prefix: '/api' });
  await app.register(enrolmentRoutes(ctx), { prefix: '/api' });
  await app.register(deliveryRoutes(ctx), { prefix: '/api' });
  await app.register(notificationRoutes(ctx), { prefix: '/api' });
  await app.register(courseRoutes(ctx), { prefix: '/api' });
  await app.register(learningRoutes(ctx), { prefix: '/api' });
  await app.register(watchingRoutes(ctx), { prefix: '/api' });
  if (config.smsDevOutbox) await app.register(devRoutes(ctx), { prefix: '/api/dev' });

  const webDir = deps.webDir ?? defaultWebDir;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb) {
      return reply.status(404).send(renderError(new AppError('NOT_FOUND', { what: req.lang === 'zh-CN' ? '页面' : 'Page' }), req.lang, (f) => f));
    }
    // Client-side routes all load the single-page app.
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: ['index.html'] });
  }
  return app as unknown as App;
}

export type RouteCtx = AuthDeps & { config: Config; storage: Storage; progress: ProgressBuffer };

/** Maps Fastify's own errors (body parsing, limits) onto the one error type; hides everything else. */
function toAppError(err: FastifyError | AppError, bodyLimit: number): AppError {
  if (err instanceof AppError) return err;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(bodyLimit / 1024)} KB` });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_JSON');
  }
  if (err instanceof SyntaxError) return new AppError('BAD_JSON');
  // A unique index caught what the service's own check missed in a race between two requests.
  const pgCode = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? err.code;
  if (pgCode === '23505') return new AppError('DUPLICATE');
  // Deadlock or serialisation failure: the other transaction won; nothing was written by this one.
  if (pgCode === '40P01' || pgCode === '40001') return new AppError('BUSY_RETRY');
  if (err.statusCode === 429) return new AppError('RATE_LIMITED');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('VALIDATION_FAILED');
  return new AppError('INTERNAL');
}
