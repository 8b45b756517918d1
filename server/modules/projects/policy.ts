import { type SQL, sql } from 'drizzle-orm';
import type { BureauLevel } from '../../../common/training.js';
import { projects } from '../../db/schema.js';
import { findRegion, PROVINCE } from '../org/regions.js';
import { type Actor, regionInScope, type Scope } from '../org/scope.js';

type Routed = { reviewerLevel: BureauLevel; reviewerRegion: string };

/**
 * PRJ-3: the bureau that reviews a project is the lowest common ancestor of its target regions:
 * one county → that county; counties of one city (or the city) → the city; several cities → the province.
 */
export function routeProject(targetRegions: string[]): Routed {
  const regions = targetRegions.map((c) => findRegion(c));
  if (regions.some((r) => !r || r.level === 'province')) return { reviewerLevel: 'province', reviewerRegion: PROVINCE.code };
  const cities = new Set(regions.map((r) => r?.cityCode));
  if (cities.size > 1) return { reviewerLevel: 'province', reviewerRegion: PROVINCE.code };
  const counties = new Set(regions.map((r) => (r?.level === 'county' ? r.code : null)));
  const [only] = counties;
  if (counties.size === 1 && only) return { reviewerLevel: 'county', reviewerRegion: only };
  return { reviewerLevel: 'city', reviewerRegion: [...cities][0] as string };
}

/** The bureau a routed thing names is exactly this identity (project review, enrolment checkpoint). */
export function isBureauAt(scope: Scope, level: BureauLevel, region: string): boolean {
  if (level === 'province') return scope.kind === 'province';
  if (level === 'city') return scope.kind === 'city' && scope.cityCode === region;
  return scope.kind === 'county' && scope.countyCode === region;
}

/**
 * A bureau over a project (ENR-6 adjustments, reading its classes): the one that reviewed it or
 * one above it. `regionInScope` is the organisation's own rule for "at or above a region".
 */
export function isBureauOver(actor: Actor, project: { reviewerRegion: string }): boolean {
  const role = actor.role.role;
  return (role === 'bureau_admin' || role === 'province_admin') && regionInScope(actor.scope, project.reviewerRegion);
}

export function isInstitutionOf(actor: Actor, institutionId: number): boolean {
  return actor.role.role === 'institution_admin' && actor.scope.kind === 'institution' && actor.scope.institutionId === institutionId;
}

/**
 * Projects an admin may look at (SQL): its own institution's; for bureaus, submitted ones aimed at
 * their region (a province-wide project is aimed at every county): an institution's drafts are its
 * own. Approved projects are open to everyone through the catalogue.
 */
export function projectScopeWhere(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'province':
      return sql`(${projects.state} <> 'draft')`;
    case 'institution':
      return sql`(${projects.institutionId} = ${scope.institutionId})`;
    case 'city':
      return sql`(${projects.state} = 'approved' or (${projects.state} <> 'draft' and exists (select 1 from unnest(${projects.targetRegions}) c join regions r on r.code = c where r.city_code = ${scope.cityCode} or r.level = 'province')))`;
    case 'county':
      return sql`(${projects.state} = 'approved' or (${projects.state} <> 'draft' and exists (select 1 from unnest(${projects.targetRegions}) c where c in (${scope.countyCode}, ${scope.cityCode}, ${PROVINCE.code}))))`;
    default:
      return sql`(${projects.state} = 'approved')`;
  }
}

/** Whether a target-region list reaches a teacher's county (ENR-1 eligibility by region). */
export function regionReaches(targetRegions: string[], county: { code: string; cityCode: string }): boolean {
  return targetRegions.some((c) => c === PROVINCE.code || c === county.code || c === county.cityCode);
}
