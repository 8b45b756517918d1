import { z } from 'zod';
import { zPageQuery } from './common.js';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_changed',
  'auth.password_reset_sms',
  'auth.mobile_bound',
  'auth.identity_switched',
  'auth.reverified',
  'account.created',
  'account.unlocked',
  'account.password_reset',
  'account.disabled',
  'account.enabled',
  'account.pii_viewed',
  'school.created',
  'school.updated',
  'institution.created',
  'institution.updated',
  'audit.exported',
  'teacher.created',
  'teacher.status_changed',
  'teacher.principal_authorised',
  'teacher.school_admin_granted',
  'teacher.school_admin_revoked',
  'teacher.change_reviewed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const zAuditQuery = z.strictObject({
  ...zPageQuery,
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Actor name or username, or target label: a substring. */
  q: z.string().trim().max(40).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AuditQuery = z.infer<typeof zAuditQuery>;

export const zAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetLabel: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof zAuditEntry>;

export const AUDIT_ACTION_LABELS: Record<AuditAction, { 'zh-CN': string; 'en-US': string }> = {
  'auth.login': { 'zh-CN': '登录', 'en-US': 'Login' },
  'auth.login_failed': { 'zh-CN': '登录失败', 'en-US': 'Failed login' },
  'auth.locked': { 'zh-CN': '账号锁定', 'en-US': 'Account locked' },
  'auth.logout': { 'zh-CN': '退出登录', 'en-US': 'Logout' },
  'auth.password_changed': { 'zh-CN': '修改密码', 'en-US': 'Password changed' },
  'auth.password_reset_sms': { 'zh-CN': '短信找回密码', 'en-US': 'Password reset by SMS' },
  'auth.mobile_bound': { 'zh-CN': '绑定手机', 'en-US': 'Mobile bound' },
  'auth.identity_switched': { 'zh-CN': '切换身份', 'en-US': 'Identity switched' },
  'auth.reverified': { 'zh-CN': '敏感操作验证', 'en-US': 'Re-verified by SMS' },
  'account.created': { 'zh-CN': '新增管理员', 'en-US': 'Admin created' },
  'account.unlocked': { 'zh-CN': '解锁账号', 'en-US': 'Account unlocked' },
  'account.password_reset': { 'zh-CN': '重置密码', 'en-US': 'Password reset' },
  'account.disabled': { 'zh-CN': '停用账号', 'en-US': 'Account disabled' },
  'account.enabled': { 'zh-CN': '启用账号', 'en-US': 'Account enabled' },
  'account.pii_viewed': { 'zh-CN': '查看敏感信息', 'en-US': 'Personal data viewed' },
  'school.created': { 'zh-CN': '新增学校', 'en-US': 'School created' },
  'school.updated': { 'zh-CN': '修改学校信息', 'en-US': 'School updated' },
  'institution.created': { 'zh-CN': '新增培训机构', 'en-US': 'Institution created' },
  'institution.updated': { 'zh-CN': '修改培训机构', 'en-US': 'Institution updated' },
  'audit.exported': { 'zh-CN': '导出操作日志', 'en-US': 'Audit log exported' },
  'teacher.created': { 'zh-CN': '添加教师', 'en-US': 'Teacher added' },
  'teacher.status_changed': { 'zh-CN': '教师归档', 'en-US': 'Teacher status changed' },
  'teacher.principal_authorised': { 'zh-CN': '授权校长', 'en-US': 'Principal authorised' },
  'teacher.school_admin_granted': { 'zh-CN': '授权学校管理员', 'en-US': 'School admin granted' },
  'teacher.school_admin_revoked': { 'zh-CN': '取消学校管理员', 'en-US': 'School admin revoked' },
  'teacher.change_reviewed': { 'zh-CN': '审核教师信息', 'en-US': 'Teacher change reviewed' },
};
