export const ROLES = [
  'province_admin',
  'bureau_admin',
  'institution_admin',
  'school_admin',
  'principal',
  'teacher',
  'instructor',
  'reviewer',
  'tutor',
  'student',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that administer a unit (and so may manage that unit's admins). */
export const ADMIN_ROLES = ['province_admin', 'bureau_admin', 'institution_admin', 'school_admin', 'principal'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

export const SCHOOL_STAGE_TYPES = [
  'kindergarten',
  'primary',
  'junior',
  'senior',
  'nine_year',
  'complete_secondary',
  'twelve_year',
  'vocational',
  'special',
] as const;
export type SchoolStageType = (typeof SCHOOL_STAGE_TYPES)[number];

export const INSTITUTION_LEVELS = ['province', 'city', 'county', 'school'] as const;
export type InstitutionLevel = (typeof INSTITUTION_LEVELS)[number];
