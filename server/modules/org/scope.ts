import type { Lang } from '../../../common/i18n/errors.js';
import type { Role } from '../../../common/roles.js';
import { findRegion } from './regions.js';

/**
 * What an identity may see: the province, one city, one county, one institution, one school, or
 * only itself. Every list query turns this into a SQL condition.
 */
export type Scope =
  | { kind: 'province' }
  | { kind: 'city'; cityCode: string }
  | { kind: 'county'; countyCode: string; cityCode: string }
  | { kind: 'institution'; institutionId: number }
  | { kind: 'school'; schoolId: number }
  | { kind: 'self' };

export type ActiveRole = {
  id: number;
  role: Role;
  regionCode: string | null;
  institutionId: number | null;
  schoolId: number | null;
};

/** The authenticated user as every route and service sees them. */
export type Actor = {
  sessionId: string;
  accountId: number;
  realName: string;
  username: string | null;
  shixunNo: string | null;
  mobile: string | null;
  idNumber: string | null;
  language: Lang;
  mustChangePassword: boolean;
  csrfToken: string;
  reverifiedUntil: Date | null;
  role: ActiveRole;
  scope: Scope;
};

export function scopeOf(role: ActiveRole): Scope {
  switch (role.role) {
    case 'province_admin':
      return { kind: 'province' };
    case 'bureau_admin': {
      const region = findRegion(role.regionCode);
      if (region?.level === 'city') return { kind: 'city', cityCode: region.code };
      if (region?.level === 'county') return { kind: 'county', countyCode: region.code, cityCode: region.cityCode as string };
      if (region?.level === 'province') return { kind: 'province' };
      return { kind: 'self' };
    }
    case 'institution_admin':
      return role.institutionId ? { kind: 'institution', institutionId: role.institutionId } : { kind: 'self' };
    case 'school_admin':
    case 'principal':
      return role.schoolId ? { kind: 'school', schoolId: role.schoolId } : { kind: 'self' };
    default:
      return { kind: 'self' };
  }
}

/** Whether a region (city or county) lies inside a regional scope. */
export function regionInScope(scope: Scope, regionCode: string): boolean {
  const region = findRegion(regionCode);
  if (!region) return false;
  switch (scope.kind) {
    case 'province':
      return true;
    case 'city':
      return region.cityCode === scope.cityCode;
    case 'county':
      return region.code === scope.countyCode;
    default:
      return false;
  }
}
