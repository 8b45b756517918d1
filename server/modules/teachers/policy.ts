import type { SQL } from 'drizzle-orm';
import { roleHas } from '../../../common/abilities.js';
import { schoolScopeWhere } from '../org/policy.js';
import type { Actor, Scope } from '../org/scope.js';

/**
 * Teachers an identity may see: those of the schools it may see (teacher queries join `schools`
 * on the teacher's school, so the school scope applies as it is; the province also sees the free
 * pool, whose teachers have no school).
 */
export function teacherScopeWhere(scope: Scope): SQL | undefined {
  return schoolScopeWhere(scope);
}

/** Records of teachers inside my scope are mine to keep (add, archive, authorise). */
export function canManageTeachers(actor: Actor): boolean {
  return roleHas(actor.role.role, 'teachers.manage');
}
