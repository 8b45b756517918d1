import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Lang } from '../../../common/i18n/errors.js';
import { AUDIT_ACTION_LABELS, type AuditAction, type AuditEntry, type AuditQuery } from '../../../common/schemas/audit.js';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { buildWorkbook } from '../../lib/excel.js';
import { pageOffset, toPage } from '../../lib/pagination.js';
import { assertReverified } from '../auth/service.js';
import type { Actor, Scope } from '../org/scope.js';
import { actorAuditUnit, actorRef, escapeLike } from '../org/service.js';

const EXPORT_LIMIT = 50_000;

/** Events an admin may read: those of units inside the scope, plus the admin's own actions. */
function auditScopeWhere(scope: Scope, accountId: number): SQL | undefined {
  const own = eq(auditLog.actorAccountId, accountId);
  switch (scope.kind) {
    case 'province':
      return undefined;
    case 'city':
      return or(eq(auditLog.cityCode, scope.cityCode), own);
    case 'county':
      return or(eq(auditLog.countyCode, scope.countyCode), own);
    case 'school':
      return or(eq(auditLog.schoolId, scope.schoolId), own);
    case 'institution':
      return or(eq(auditLog.institutionId, scope.institutionId), own);
    default:
      return own;
  }
}

/** A calendar date in Asia/Shanghai as the instant its day starts. */
function shanghaiDayStart(date: string, plusDays = 0): Date {
  const d = new Date(`${date}T00:00:00+08:00`);
  return new Date(d.getTime() + plusDays * 86_400_000);
}

function conditions(actor: Actor, q: Omit<AuditQuery, 'page' | 'pageSize'>) {
  const conds: (SQL | undefined)[] = [auditScopeWhere(actor.scope, actor.accountId)];
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.from) conds.push(gte(auditLog.at, shanghaiDayStart(q.from)));
  if (q.to) conds.push(lt(auditLog.at, shanghaiDayStart(q.to, 1)));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(or(ilike(auditLog.actorName, like), ilike(auditLog.targetLabel, like), eq(auditLog.ip, q.q)));
  }
  return and(...conds);
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorName: auditLog.actorName,
  actorRole: auditLog.actorRole,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetLabel: auditLog.targetLabel,
  detail: auditLog.detail,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
};

function present(r: Omit<AuditEntry, 'at'> & { at: Date | string }): AuditEntry {
  return { ...r, at: new Date(r.at).toISOString() };
}

/** ACC-8: search the audit log within my scope. */
export async function searchAudit(db: Db, actor: Actor, q: AuditQuery) {
  const { limit, offset } = pageOffset(q);
  const rows = await db
    .select({ ...columns, total: sql<number>`count(*) over ()` })
    .from(auditLog)
    .where(conditions(actor, q))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return toPage(rows, q, present);
}

const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** ACC-5/ACC-8: export the filtered log to Excel, after SMS re-verification; the export is itself audited. */
export async function exportAudit(deps: { db: Db; clock: Clock }, actor: Actor, q: Omit<AuditQuery, 'page' | 'pageSize'>, lang: Lang, meta: RequestMeta) {
  assertReverified(actor, deps.clock);
  const rows = await deps.db.select(columns).from(auditLog).where(conditions(actor, q)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(EXPORT_LIMIT);
  const zh = lang === 'zh-CN';
  const buffer = await buildWorkbook(
    zh ? '操作日志' : 'Audit log',
    [
      { header: zh ? '时间' : 'Time', width: 20, value: (r) => fmt.format(new Date(r.at)) },
      { header: zh ? '操作人' : 'Actor', value: (r) => r.actorName },
      { header: zh ? '身份' : 'Identity', value: (r) => r.actorRole },
      { header: zh ? '操作' : 'Action', width: 18, value: (r) => AUDIT_ACTION_LABELS[r.action as AuditAction]?.[lang] ?? r.action },
      { header: zh ? '对象' : 'Target', width: 20, value: (r) => r.targetLabel },
      { header: zh ? '详情' : 'Detail', width: 40, value: (r) => (r.detail ? JSON.stringify(r.detail) : '') },
      { header: 'IP', value: (r) => r.ip },
    ],
    rows,
  );
  await writeAudit(deps.db, {
    action: 'audit.exported',
    actor: actorRef(actor),
    detail: { rows: rows.length, filters: q },
    unit: await actorAuditUnit(deps.db, actor.role),
    ...meta,
  });
  return buffer;
}
