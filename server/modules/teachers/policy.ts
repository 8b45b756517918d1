import { eq, type SQL, sql } from 'drizzle-orm';
import { roleHas } from '../../../common/abilities.js';
import { schools, teachers } from '../../db/schema.js';
import type { Actor, Scope } from '../org/scope.js';

/** Teachers an identity may see, as a condition on `teachers` joined with their `schools`. */
export function teacherScopeWhere(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'province':
      return undefined;
    case 'city':
      return eq(schools.cityCode, scope.cityCode);
    case 'county':
      return eq(schools.countyCode, scope.countyCode);
    case 'school':
      return eq(teachers.schoolId, scope.schoolId);
    default:
      return sql`false`;
  }
}

/** Records of teachers inside my scope are mine to keep (add, archive, authorise). */
export function canManageTeachers(actor: Actor): boolean {
  return roleHas(actor.role.role, 'teachers.manage');
}
