import { eq, type SQL, sql } from 'drizzle-orm';
import { accountRoles, institutions, regions, schools } from '../../db/schema.js';
import { findRegion } from '../org/regions.js';
import { type Actor, regionInScope, type Scope } from '../org/scope.js';

/**
 * Whether an identity row lies inside a scope. Valid in queries that left-join `schools`,
 * `institutions` and `regions` on the row's unit columns (see `roleUnitJoins`).
 */
export function roleUnitInScope(scope: Scope): SQL {
  switch (scope.kind) {
    case 'province':
      return sql`true`;
    case 'city':
      return sql`(${regions.cityCode} = ${scope.cityCode} or ${schools.cityCode} = ${scope.cityCode} or ${institutions.cityCode} = ${scope.cityCode})`;
    case 'county':
      return sql`(${accountRoles.regionCode} = ${scope.countyCode} or ${schools.countyCode} = ${scope.countyCode} or ${institutions.regionCode} = ${scope.countyCode})`;
    case 'school':
      return eq(accountRoles.schoolId, scope.schoolId);
    case 'institution':
      return eq(accountRoles.institutionId, scope.institutionId);
    default:
      return sql`false`;
  }
}

/** `exists` condition: the account has at least one identity inside the scope. */
export function accountInScope(scope: Scope, accountIdColumn: SQL | unknown): SQL {
  return sql`exists (select 1 from ${accountRoles}
    left join ${schools} on ${schools.id} = ${accountRoles.schoolId}
    left join ${institutions} on ${institutions.id} = ${accountRoles.institutionId}
    left join ${regions} on ${regions.code} = ${accountRoles.regionCode}
    where ${accountRoles.accountId} = ${accountIdColumn} and ${roleUnitInScope(scope)})`;
}

export type UnitRef = { role: string; regionCode?: string | null; institutionId?: number | null; schoolId?: number | null };

/**
 * ORG-4: who may create an admin for which unit. Province for anything; a bureau for its own
 * bureau, bureaus below it, and schools/institutions inside it; an institution or school only
 * for itself. Unit existence and institution/school scope are checked by the service in SQL.
 */
export function canCreateAdminRole(actor: Actor, unit: UnitRef): boolean {
  const s = actor.scope;
  switch (unit.role) {
    case 'province_admin':
      return s.kind === 'province';
    case 'bureau_admin': {
      const region = findRegion(unit.regionCode);
      if (!region || region.level === 'province') return false;
      return regionInScope(s, region.code);
    }
    case 'institution_admin':
      return s.kind === 'province' || s.kind === 'city' || s.kind === 'county' || (s.kind === 'institution' && s.institutionId === unit.institutionId);
    case 'school_admin':
      return s.kind === 'province' || s.kind === 'city' || s.kind === 'county' || (s.kind === 'school' && s.schoolId === unit.schoolId);
    default:
      return false;
  }
}
