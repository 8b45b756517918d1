import { eq, type SQL, sql } from 'drizzle-orm';
import { roleHas } from '../../../common/abilities.js';
import { institutionRegions, institutions, schools } from '../../db/schema.js';
import { PROVINCE } from './regions.js';
import { type Actor, regionInScope, type Scope } from './scope.js';

const NONE = sql`false`;

/** Schools an identity may see, as a condition on `schools` (applied in SQL, never after fetching). */
export function schoolScopeWhere(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'province':
      return undefined;
    case 'city':
      return eq(schools.cityCode, scope.cityCode);
    case 'county':
      return eq(schools.countyCode, scope.countyCode);
    case 'school':
      return eq(schools.id, scope.schoolId);
    default:
      return NONE;
  }
}

/** Institutions a bureau sees: based in its region, or authorised to train there. */
export function institutionScopeWhere(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'province':
      return undefined;
    case 'city':
      return sql`(${institutions.cityCode} = ${scope.cityCode} or exists (select 1 from ${institutionRegions} ir join regions r on r.code = ir.region_code where ir.institution_id = ${institutions.id} and (r.city_code = ${scope.cityCode} or r.level = 'province')))`;
    case 'county':
      return sql`(${institutions.regionCode} = ${scope.countyCode} or exists (select 1 from ${institutionRegions} ir where ir.institution_id = ${institutions.id} and ir.region_code in (${scope.countyCode}, ${scope.cityCode}, ${PROVINCE.code})))`;
    case 'institution':
      return eq(institutions.id, scope.institutionId);
    default:
      return NONE;
  }
}

/**
 * Institutions *based* in a scope (not merely authorised to train there): the ones whose admins
 * a bureau may create (ORG-4).
 */
export function institutionHomeWhere(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'province':
      return undefined;
    case 'city':
      return eq(institutions.cityCode, scope.cityCode);
    case 'county':
      return eq(institutions.regionCode, scope.countyCode);
    case 'institution':
      return eq(institutions.id, scope.institutionId);
    default:
      return NONE;
  }
}

type SchoolRef = { id: number; countyCode: string };

export function canCreateSchoolIn(actor: Actor, countyCode: string): boolean {
  return roleHas(actor.role.role, 'schools.create') && regionInScope(actor.scope, countyCode);
}

export function canUpdateSchool(actor: Actor, school: SchoolRef): boolean {
  if (!roleHas(actor.role.role, 'schools.update')) return false;
  if (actor.scope.kind === 'school') return actor.scope.schoolId === school.id;
  return regionInScope(actor.scope, school.countyCode);
}

/** Changing a school's code or county is a bureau decision, not the school's own. */
export function canMoveSchool(actor: Actor, school: SchoolRef): boolean {
  return roleHas(actor.role.role, 'schools.create') && regionInScope(actor.scope, school.countyCode);
}

export function canCreateInstitution(actor: Actor): boolean {
  return roleHas(actor.role.role, 'institutions.create');
}

export function canUpdateInstitution(actor: Actor, institutionId: number): boolean {
  if (!roleHas(actor.role.role, 'institutions.update')) return false;
  return actor.scope.kind === 'province' || (actor.scope.kind === 'institution' && actor.scope.institutionId === institutionId);
}

/** Only the province sets an institution's level, home region and authorised regions (ORG-3). */
export function canAuthoriseInstitution(actor: Actor): boolean {
  return actor.scope.kind === 'province' && roleHas(actor.role.role, 'institutions.create');
}
