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
] as const;
export type Ability = (typeof ABILITIES)[number];

const ADMIN_COMMON: Ability[] = ['admins.view', 'admins.manage', 'audit.view', 'audit.export'];
/** Teacher records: schools keep them, bureaus and the province oversee (TCH). */
const TEACHERS: Ability[] = ['teachers.view', 'teachers.manage'];

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
    ...TEACHERS,
    ...ADMIN_COMMON,
  ],
  bureau_admin: ['regions.view', 'schools.view', 'schools.create', 'schools.update', 'institutions.view', 'accounts.locked', ...TEACHERS, ...ADMIN_COMMON],
  institution_admin: ['institutions.view', 'institutions.update', ...ADMIN_COMMON],
  school_admin: ['schools.view', 'schools.update', 'accounts.locked', ...TEACHERS, ...ADMIN_COMMON],
  principal: ['schools.view', 'schools.update', 'accounts.locked', ...TEACHERS, ...ADMIN_COMMON],
  teacher: [],
  instructor: [],
  reviewer: [],
  tutor: [],
  student: [],
};

export function roleHas(role: Role, ability: Ability): boolean {
  return ROLE_ABILITIES[role].includes(ability);
}
