import { and, eq, sql } from 'drizzle-orm';
import { maskMobile } from '../../../common/mask.js';
import {
  type ExtendedProfile,
  PROFILE_SECTIONS,
  type ProfileSection,
  type ProfileSections,
  REQUIRED_SECTIONS,
} from '../../../common/schemas/teacher-profile.js';
import type { Db, Tx } from '../../db/client.js';
import { schools, teacherProfiles, teachers } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { issuesToFields } from '../../lib/validation.js';
import { standingTrainings } from '../ledger/service.js';
import type { Actor } from '../org/scope.js';
import { teacherScopeWhere } from './policy.js';
import type { TeachersDeps } from './service.js';

function present(row: { sections: ProfileSections; updatedAt: Date } | undefined, training: ExtendedProfile['training']): ExtendedProfile {
  const sections = row?.sections ?? {};
  const filled = (k: ProfileSection) => {
    const v = sections[k];
    return Array.isArray(v) ? v.length > 0 : !!v;
  };
  const missing = REQUIRED_SECTIONS.filter((k) => !filled(k));
  return {
    sections,
    // Written by the platform from the credit-hour ledger (HRS-1), never typed.
    training,
    required: [...REQUIRED_SECTIONS],
    missing,
    complete: missing.length === 0,
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
  };
}

async function ownTeacherId(db: Tx, actor: Actor): Promise<number> {
  if (actor.role.role !== 'teacher') throw new AppError('FORBIDDEN');
  const [row] = await db.select({ id: teachers.id }).from(teachers).where(eq(teachers.accountId, actor.accountId));
  if (!row) throw notFound('teacher');
  return row.id;
}

async function load(db: Tx, teacherId: number) {
  const [row] = await db.select().from(teacherProfiles).where(eq(teacherProfiles.teacherId, teacherId));
  return row;
}

export async function getMyExtendedProfile(db: Db, actor: Actor) {
  const id = await ownTeacherId(db, actor);
  return present(await load(db, id), await standingTrainings(db, id));
}

/** TCH-9: a teacher saves one section (the body is checked against that section's schema). */
export async function saveMySection(deps: TeachersDeps, actor: Actor, section: ProfileSection, body: unknown) {
  const parsed = PROFILE_SECTIONS[section].safeParse(body, { reportInput: true });
  if (!parsed.success)
    throw AppError.fields(...issuesToFields(parsed.error.issues).map((i) => ({ ...i, field: i.field === 'body' ? section : `${section}.${i.field}` })));
  const teacherId = await ownTeacherId(deps.db, actor);
  const patch = { [section]: parsed.data } as ProfileSections;
  await deps.db
    .insert(teacherProfiles)
    .values({ teacherId, sections: patch, updatedAt: deps.clock.now() })
    .onConflictDoUpdate({
      target: teacherProfiles.teacherId,
      set: { sections: sql`${teacherProfiles.sections} || ${JSON.stringify(patch)}::jsonb`, updatedAt: deps.clock.now() },
    });
  return present(await load(deps.db, teacherId), await standingTrainings(deps.db, teacherId));
}

/** The school and the bureaus above it read a teacher's extended profile. */
export async function getExtendedProfile(db: Db, actor: Actor, teacherId: number) {
  const [row] = await db
    .select({ id: teachers.id })
    .from(teachers)
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(and(eq(teachers.id, teacherId), teacherScopeWhere(actor.scope)));
  if (!row) throw notFound('teacher');
  const profile = present(await load(db, teacherId), await standingTrainings(db, teacherId));
  // Phone numbers are masked for admins like every other mobile (ACC-10).
  const contact = profile.sections.contact;
  if (contact) {
    profile.sections.contact = {
      ...contact,
      ...(contact.phone ? { phone: maskMobile(contact.phone) ?? '' } : {}),
      ...(contact.emergencyPhone ? { emergencyPhone: maskMobile(contact.emergencyPhone) ?? '' } : {}),
    };
  }
  return profile;
}
