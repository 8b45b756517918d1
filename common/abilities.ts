import type { Role } from './roles.js';

/**
 * Menu-level abilities per role. The server decides with these plus the actor's scope; the web
 * uses the same list (sent in `Me.abilities`) to show menus and buttons.
 */
export const ABILITIES = [
  'regions.view',
  'schools.view',
  'schools.create',
  'schools.update',
  'institutions.view',
  'institutions.create',
  'institutions.update',
  'admins.view',
  'admins.manage',
  'accounts.locked',
  'audit.view',
  'audit.export',
  'teachers.view',
  'teachers.manage',
  /** PRJ-1: the training year and its windows (province). */
  'training.calendar',
  /** PRJ-2: declare and run projects and classes (institutions). */
  'projects.declare',
  /** PRJ-3/ENR-6: review projects, adjust classes (bureaus, province). */
  'projects.review',
  /** ENR-4: enrolment reviews (school, checkpoint bureau, institution). */
  'enrolments.review',
  /** ENR-8/ENR-9: collective enrolment and leave (schools). */
  'enrolments.collective',
  /** DLV-3/DLV-5: evaluation and pass-rate statistics. */
  'training.stats',
  /** CRS-1/3/4: declare and build online synchronous courses (training-certified teachers). */
  'courses.declare',
  /** CRS-2/5: review course declarations and lessons (reviewers, province). */
  'courses.review',
  /** CRS-1: the course declaration window (province). */
  'courses.window',
] as const;
export type Ability = (typeof ABILITIES)[number];

const ADMIN_COMMON: Ability[] = ['admins.view', 'admins.manage', 'audit.view', 'audit.export'];
/** Teacher records: schools keep them, bureaus and the province oversee (TCH). */
const TEACHERS: Ability[] = ['teachers.view', 'teachers.manage'];
const BUREAU_TRAINING: Ability[] = ['projects.review', 'enrolments.review', 'training.stats'];
const SCHOOL_TRAINING: Ability[] = ['enrolments.review', 'enrolments.collective'];

export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  province_admin: [
    'regions.view',
    'schools.view',
    'schools.create',
    'schools.update',
    'institutions.view',
    'institutions.create',
    'institutions.update',
    'accounts.locked',
    'training.calendar',
    'courses.review',
    'courses.window',
    ...BUREAU_TRAINING,
    ...TEACHERS,
    ...ADMIN_COMMON,
  ],
  bureau_admin: [
    'regions.view',
    'schools.view',
    'schools.create',
    'schools.update',
    'institutions.view',
    'accounts.locked',
    ...BUREAU_TRAINING,
    ...TEACHERS,
    ...ADMIN_COMMON,
  ],
  institution_admin: ['institutions.view', 'institutions.update', 'projects.declare', 'enrolments.review', 'training.stats', ...ADMIN_COMMON],
  school_admin: ['schools.view', 'schools.update', 'accounts.locked', ...SCHOOL_TRAINING, ...TEACHERS, ...ADMIN_COMMON],
  principal: ['schools.view', 'schools.update', 'accounts.locked', ...SCHOOL_TRAINING, ...TEACHERS, ...ADMIN_COMMON],
  teacher: ['courses.declare'],
  instructor: ['courses.declare'],
  reviewer: ['courses.review'],
  tutor: [],
  student: [],
};

export function roleHas(role: Role, ability: Ability): boolean {
  return ROLE_ABILITIES[role].includes(ability);
}
