import type { FastifyPluginAsync, FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIdParams } from '../../../common/schemas/common.js';
import { MAX_SEGMENTS, type ProgressReport, zProgressReport, zVideoProgress } from '../../../common/schemas/watching.js';
import type { RouteCtx } from '../../app.js';
import { actorOf } from '../../lib/http.js';
import { validatorCompiler } from '../../lib/validation.js';

const tags = ['course watching'];

const VIEW_RE = /^[A-Za-z0-9_-]{12,64}$/;
const SEGMENTS_RE = /^[01]+$/;
const KEYS = new Set(['view', 'seq', 'segments', 'positionS', 'rate', 'playing', 'visible']);
const isNum = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;

/** zProgressReport checked by hand: the report is the hottest request there is. */
function isProgressReport(b: unknown): b is ProgressReport {
  if (typeof b !== 'object' || b === null) return false;
  const r = b as Record<string, unknown>;
  let keys = 0;
  for (const k in r) {
    if (!KEYS.has(k)) return false;
    keys++;
  }
  return (
    keys === KEYS.size &&
    typeof r.view === 'string' &&
    VIEW_RE.test(r.view) &&
    isNum(r.seq, 0, 1_000_000_000) &&
    Number.isInteger(r.seq) &&
    typeof r.segments === 'string' &&
    r.segments.length <= MAX_SEGMENTS &&
    SEGMENTS_RE.test(r.segments) &&
    isNum(r.positionS, 0, 100_000) &&
    isNum(r.rate, 0.1, 16) &&
    typeof r.playing === 'boolean' &&
    typeof r.visible === 'boolean'
  );
}

/** Valid reports pass the hand check; anything else goes through zod, for the same errors as everywhere. */
const reportValidator: FastifySchemaCompiler<z.ZodType> = (route) => {
  const viaZod = validatorCompiler(route);
  if (route.httpPart !== 'body') return viaZod;
  return (data) => (isProgressReport(data) ? { value: data } : viaZod(data));
};

/** Watching: progress reports as sets of watched segments, and resume (contract: docs/video-progress.md). */
export function watchingRoutes(ctx: RouteCtx): FastifyPluginAsync {
  return async (app) => {
    // Plain JSON.parse instead of the prototype-poisoning-safe parser (a twentieth of a report's
    // time): the report is checked key by key, and an own "__proto__" or "constructor" key is an
    // unknown key, refused by both the hand check and zod's strict object.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (err) {
        done(err as Error);
      }
    });
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/videos/:id/progress',
      {
        validatorCompiler: reportValidator as never,
        schema: {
          tags,
          summary:
            'Report the set of watched segments, position and player state (204: all counted; 409 PROGRESS_TOO_FAST / ANOTHER_VIDEO_PLAYING: none of the new segments counted)',
          params: zIdParams,
          body: zProgressReport,
          response: { 204: z.null().describe('Counted (or, for a viewer whose progress is not stored, ignored)') },
        },
      },
      async (req, reply) => {
        await ctx.progress.report(actorOf(req), req.params.id, req.body);
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/videos/:id/progress',
      {
        schema: {
          tags,
          summary: 'My progress on a video, to resume (segments as counted, position, whole)',
          params: zIdParams,
          response: { 200: zVideoProgress },
        },
      },
      async (req) => ctx.progress.get(actorOf(req), req.params.id),
    );
  };
}
