import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Ability, roleHas } from '../../common/abilities.js';
import type { Lang } from '../../common/i18n/errors.js';
import type { Actor } from '../modules/org/scope.js';
import type { RequestMeta } from './audit.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
    /** Reachable while the account must still change its password. */
    allowMustChange?: boolean;
    /** Field names whose label differs on this route (e.g. a school's `code` is 学校代码). */
    fieldLabels?: Record<string, string>;
  }
}

/** The authenticated actor; routes that are not public always have one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function metaOf(req: FastifyRequest): RequestMeta {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

/** Picks the language from the account, then the `sx_lang` cookie, then Accept-Language. */
export function pickLanguage(req: FastifyRequest): Lang {
  if (req.actor) return req.actor.language;
  const cookie = req.cookies?.sx_lang;
  if (cookie === 'en-US' || cookie === 'zh-CN') return cookie;
  const accept = req.headers['accept-language'];
  if (typeof accept === 'string' && /^en\b/i.test(accept.trim())) return 'en-US';
  return 'zh-CN';
}

/** Sends a download (a whole buffer, or a stream for large exports). */
export function sendFile(reply: FastifyReply, filename: string, contentType: string, body: Buffer | Readable) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** The actor, provided their active identity has the ability; scope is checked by the service. */
export function requireAbility(req: FastifyRequest, ability: Ability): Actor {
  const actor = actorOf(req);
  if (!roleHas(actor.role.role, ability)) throw new AppError('FORBIDDEN');
  return actor;
}

/** Raw file bodies (plans, materials, grade sheets) arrive as bytes, the name in `x-file-name`. */
export function acceptRawFiles(app: FastifyInstance) {
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

/** The raw body of an upload, or a field error naming the missing file. */
export function requireBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw AppError.fields({ field: 'file', key: 'required' });
  return body;
}
