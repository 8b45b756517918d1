import type { AuditAction } from '../../common/schemas/audit.js';
import type { Tx } from '../db/client.js';
import { auditLog } from '../db/schema.js';

/** The unit an event belongs to; admins whose scope covers it can read the event. */
export type AuditUnit = {
  cityCode?: string | null;
  countyCode?: string | null;
  schoolId?: number | null;
  institutionId?: number | null;
};

export type AuditEvent = {
  action: AuditAction;
  actor?: { accountId: number; name: string; role: string } | null;
  target?: { type: string; id: string | number; label?: string | null };
  detail?: Record<string, unknown>;
  unit?: AuditUnit;
  ip?: string | null;
  userAgent?: string | null;
};

/** Appends one audit entry; call it inside the transaction of the change it records. */
export async function writeAudit(tx: Tx, e: AuditEvent): Promise<void> {
  await tx.insert(auditLog).values({
    action: e.action,
    actorAccountId: e.actor?.accountId ?? null,
    actorName: e.actor?.name ?? null,
    actorRole: e.actor?.role ?? null,
    targetType: e.target?.type ?? null,
    targetId: e.target ? String(e.target.id) : null,
    targetLabel: e.target?.label ?? null,
    detail: e.detail ?? null,
    ip: e.ip ?? null,
    userAgent: e.userAgent?.slice(0, 300) ?? null,
    cityCode: e.unit?.cityCode ?? null,
    countyCode: e.unit?.countyCode ?? null,
    schoolId: e.unit?.schoolId ?? null,
    institutionId: e.unit?.institutionId ?? null,
  });
}

/** Where a request came from, for the audit trail. */
export type RequestMeta = { ip: string | null; userAgent: string | null };
