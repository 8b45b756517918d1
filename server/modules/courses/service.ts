import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import {
  COVER_SIZES,
  INTRO_TOPICS,
  type IntroTopic,
  MIN_CREDITED_STUDENTS,
  MIN_INTERNET_STUDENTS,
  MIN_LESSONS,
  VIDEO_MINUTES,
} from '../../../common/courses.js';
import { type CourseState, courseMachine } from '../../../common/machines.js';
import type { Page } from '../../../common/schemas/common.js';
import type {
  Checklist,
  Course,
  CourseInput,
  CourseSummary,
  CourseWindow,
  InstructorProfile,
  IntroductionSections,
  ProfileItem,
} from '../../../common/schemas/courses.js';
import { shanghaiDate } from '../../../common/training.js';
import type { Db, Tx } from '../../db/client.js';
import { accounts, courseStudents, courses, courseWindows, instructorProfiles, lessons, lessonVideos, regions, schools, teachers } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { imageSize } from '../../lib/file-type.js';
import { applyTransition, findHistories, type ReviewActor } from '../../lib/review.js';
import type { Storage } from '../../lib/storage.js';
import type { Actor } from '../org/scope.js';
import { loadChapters } from './lessons.js';
import { type CourseAccess, findCourseFor, isCourseReviewer, requireInstructor } from './policy.js';

export const reviewActor = (a: Actor): ReviewActor => ({ accountId: a.accountId, name: a.realName, role: a.role.role });
export const fileUrl = (key: string | null) => (key ? `/api/course-files/${key}` : null);
const IMAGE_LIMIT = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// CRS-1 the declaration window

export async function findWindow(db: Tx, clock: Clock): Promise<CourseWindow | null> {
  const today = shanghaiDate(clock.now());
  const year = Number(today.slice(0, 4));
  const [w] = await db.select().from(courseWindows).where(eq(courseWindows.year, year));
  if (!w) return null;
  return { year: w.year, opensOn: w.opensOn, closesOn: w.closesOn, open: w.opensOn <= today && today <= w.closesOn, today };
}

export async function setWindow(db: Db, actor: Actor, clock: Clock, year: number, input: { opensOn: string; closesOn: string }) {
  if (actor.role.role !== 'province_admin') throw new AppError('FORBIDDEN');
  await db
    .insert(courseWindows)
    .values({ year, ...input, updatedBy: actor.accountId })
    .onConflictDoUpdate({ target: courseWindows.year, set: { ...input, updatedBy: actor.accountId, updatedAt: new Date() } });
  return findWindow(db, clock);
}

// ---------------------------------------------------------------------------------------------
// CRS-1 完善信息: the instructor's profile

type TeacherFacts = { teacherId: number; status: string; gender: 'M' | 'F'; schoolName: string | null; regionName: string | null };

async function teacherFacts(db: Tx, accountId: number): Promise<TeacherFacts | null> {
  const [row] = await db
    .select({ teacherId: teachers.id, status: teachers.status, gender: teachers.gender, schoolName: schools.name, regionName: regions.name })
    .from(teachers)
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .leftJoin(regions, eq(regions.code, schools.countyCode))
    .where(eq(teachers.accountId, accountId));
  return row ?? null;
}

export async function getInstructorProfile(db: Tx, actor: Actor): Promise<InstructorProfile & { teacherId: number | null }> {
  const [acc] = await db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  const [profile] = await db.select().from(instructorProfiles).where(eq(instructorProfiles.accountId, actor.accountId));
  const t = await teacherFacts(db, actor.accountId);
  const missing: ProfileItem[] = [];
  if (t?.status !== 'in_service' || !acc?.shixunNo) missing.push('certified');
  if (!profile?.avatarKey) missing.push('avatar');
  if (!acc?.realName) missing.push('realName');
  if (!acc?.mobile) missing.push('mobile');
  if (!t?.gender) missing.push('gender');
  if (!profile?.intro?.trim()) missing.push('intro');
  if (!t?.schoolName) missing.push('organisation');
  if (!t?.regionName) missing.push('region');
  return {
    teacherId: t?.teacherId ?? null,
    realName: acc?.realName ?? '',
    mobile: acc?.mobile ?? null,
    gender: t?.gender ?? null,
    shixunNo: acc?.shixunNo ?? null,
    organisation: t?.schoolName ?? null,
    region: t?.regionName ?? null,
    intro: profile?.intro ?? null,
    avatarUrl: fileUrl(profile?.avatarKey ?? null),
    missing,
  };
}

export async function setInstructorIntro(db: Db, actor: Actor, intro: string) {
  await db
    .insert(instructorProfiles)
    .values({ accountId: actor.accountId, intro })
    .onConflictDoUpdate({ target: instructorProfiles.accountId, set: { intro, updatedAt: new Date() } });
}

/** A JPG/PNG checked by its bytes; covers must also have one of the seed's sizes. */
function checkImage(bytes: Buffer, sizes?: readonly (readonly [number, number])[]) {
  if (bytes.length > IMAGE_LIMIT) throw new AppError('FILE_TOO_LARGE', { limit: '5 MB' });
  const img = imageSize(bytes);
  if (!img) throw new AppError(sizes ? 'COVER_INVALID' : 'IMAGE_INVALID', { size: '—' });
  if (sizes && !sizes.some(([w, h]) => w === img.width && h === img.height)) throw new AppError('COVER_INVALID', { size: `${img.width}×${img.height}` });
  return img;
}

export async function setInstructorAvatar(db: Db, storage: Storage, actor: Actor, bytes: Buffer) {
  const img = checkImage(bytes);
  const key = await storage.put('avatars', bytes, img.type);
  await db
    .insert(instructorProfiles)
    .values({ accountId: actor.accountId, avatarKey: key })
    .onConflictDoUpdate({ target: instructorProfiles.accountId, set: { avatarKey: key, updatedAt: new Date() } });
}

export async function uploadCover(storage: Storage, actor: Actor, bytes: Buffer) {
  if (!isDeclarer(actor)) throw new AppError('FORBIDDEN');
  const img = checkImage(bytes, COVER_SIZES);
  return { key: await storage.put('covers', bytes, img.type), width: img.width, height: img.height };
}

function isDeclarer(actor: Actor) {
  return actor.role.role === 'teacher' || actor.role.role === 'instructor';
}

// ---------------------------------------------------------------------------------------------
// CRS-1 declaration, CRS-2 review

function checkGrades(input: CourseInput) {
  const allowed: Record<string, readonly number[]> = { primary: [1, 2, 3, 4, 5, 6], junior: [7, 8, 9], senior: [10, 11, 12] };
  if (input.grades.some((g) => !allowed[input.stage]?.includes(g))) throw AppError.fields({ field: 'grades', key: 'invalid' });
}

function courseValues(input: CourseInput) {
  return {
    name: input.name,
    stage: input.stage,
    grades: [...new Set(input.grades)].sort((a, b) => a - b),
    subject: input.subject,
    edition: input.edition || null,
    difficulty: input.difficulty,
    summary: input.summary,
    coverKey: input.coverKey,
    internetPlaces: input.internetPlaces,
  };
}

export async function declareCourse(db: Db, actor: Actor, clock: Clock, input: CourseInput): Promise<number> {
  if (!isDeclarer(actor)) throw new AppError('FORBIDDEN');
  checkGrades(input);
  const window = await findWindow(db, clock);
  if (!window?.open) throw new AppError('COURSE_WINDOW_CLOSED', { window: window ? `${window.opensOn} ~ ${window.closesOn}` : '未设置 / not set' });
  const profile = await getInstructorProfile(db, actor);
  if (profile.missing.includes('certified') || !profile.teacherId) throw new AppError('NOT_TRAINING_CERTIFIED');
  if (profile.missing.length > 0) throw new AppError('PROFILE_INCOMPLETE', { missing: profile.missing.map((m) => PROFILE_LABELS[m]).join('、') });
  const teacherId = profile.teacherId;
  return db.transaction(async (tx) => {
    // One declaration at a time: a course under review or approved (not yet published) blocks
    // another; a partial unique index stops two racing requests.
    const [open] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.instructorAccountId, actor.accountId), inArray(courses.state, ['pending', 'rejected', 'approved'])));
    if (open) throw new AppError('DECLARATION_OPEN');
    const [row] = await tx
      .insert(courses)
      .values({ ...courseValues(input), instructorAccountId: actor.accountId, instructorTeacherId: teacherId, state: 'pending' })
      .returning({ id: courses.id });
    if (!row) throw new Error('course not created');
    await applyTransition(tx, courseMachine, { subjectId: row.id, from: null, action: 'submit', party: 'instructor', actor: reviewActor(actor) });
    return row.id;
  });
}

const PROFILE_LABELS: Record<ProfileItem, string> = {
  certified: '师训认证',
  avatar: '头像',
  realName: '姓名',
  mobile: '手机号',
  gender: '性别',
  intro: '个人简介',
  organisation: '所在单位',
  region: '所在市县',
};

/** The instructor edits a declaration while it waits for review or after a rejection (then resubmits). */
export async function updateDeclaration(db: Db, actor: Actor, courseId: number, input: CourseInput) {
  checkGrades(input);
  const access = await findCourseFor(db, actor, courseId);
  const course = requireInstructor(access);
  // What was approved stays as approved: edits only before the decision or after a rejection.
  if (course.state !== 'pending' && course.state !== 'rejected') {
    throw new AppError('INVALID_STATE', { state: course.state, action: 'edit' });
  }
  await db
    .update(courses)
    .set({ ...courseValues(input), updatedAt: new Date() })
    .where(eq(courses.id, courseId));
}

type CourseAction = 'approve' | 'reject' | 'resubmit' | 'publish' | 'complete';

/** Every state change of a course goes through the course machine and leaves history. */
async function moveCourse(
  tx: Tx,
  actor: Actor,
  course: { id: number; state: CourseState },
  action: CourseAction,
  party: 'reviewer' | 'instructor',
  reason?: string,
) {
  const to = await applyTransition(tx, courseMachine, { subjectId: course.id, from: course.state, action, party, actor: reviewActor(actor), reason });
  const now = new Date();
  const [moved] = await tx
    .update(courses)
    .set({
      state: to,
      updatedAt: now,
      ...(to === 'published' ? { publishedAt: now } : {}),
      ...(to === 'completed' ? { completedAt: now } : {}),
    })
    .where(and(eq(courses.id, course.id), eq(courses.state, course.state)))
    .returning({ id: courses.id });
  if (!moved) throw new AppError('BUSY_RETRY');
}

export async function reviewCourse(db: Db, actor: Actor, courseId: number, input: { action: 'approve' | 'reject'; reason?: string; microSchool: boolean }) {
  if (!isCourseReviewer(actor)) throw new AppError('FORBIDDEN');
  await db.transaction(async (tx) => {
    const { course } = await findCourseFor(tx, actor, courseId);
    await moveCourse(tx, actor, course, input.action, 'reviewer', input.reason);
    await tx.update(courses).set({ microSchool: input.microSchool }).where(eq(courses.id, courseId));
  });
}

export async function resubmitCourse(db: Db, actor: Actor, courseId: number) {
  await db.transaction(async (tx) => {
    const course = requireInstructor(await findCourseFor(tx, actor, courseId));
    await moveCourse(tx, actor, course, 'resubmit', 'instructor');
  });
}

/** CRS-3: publish only with at least 12 published lessons. */
export async function publishCourse(db: Db, actor: Actor, courseId: number) {
  await db.transaction(async (tx) => {
    const course = requireInstructor(await findCourseFor(tx, actor, courseId));
    const published = await countPublishedLessons(tx, courseId);
    if (course.state === 'approved' && published < MIN_LESSONS) throw new AppError('TOO_FEW_LESSONS', { min: MIN_LESSONS, count: published });
    await moveCourse(tx, actor, course, 'publish', 'instructor');
  });
}

/** Published lessons of a course: what publishing, completion and progress count. */
export async function countPublishedLessons(tx: Tx, courseId: number): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(lessons)
    .where(and(eq(lessons.courseId, courseId), eq(lessons.state, 'published')));
  return r?.n ?? 0;
}

export async function completionStatus(tx: Tx, courseId: number) {
  const [s] = await tx
    .select({
      internet: sql<number>`count(*) filter (where ${courseStudents.kind} = 'internet')::int`,
      credited: sql<number>`count(*) filter (where ${courseStudents.creditAt} is not null)::int`,
    })
    .from(courseStudents)
    .where(eq(courseStudents.courseId, courseId));
  const lessonCount = await countPublishedLessons(tx, courseId);
  const internetStudents = s?.internet ?? 0;
  const creditedStudents = s?.credited ?? 0;
  return {
    lessons: lessonCount,
    internetStudents,
    creditedStudents,
    canComplete: lessonCount >= MIN_LESSONS && internetStudents >= MIN_INTERNET_STUDENTS && creditedStudents >= MIN_CREDITED_STUDENTS,
  };
}

/** CRS-13: 结课 when the thresholds hold; the course is read-only afterwards. */
export async function completeCourse(db: Db, actor: Actor, courseId: number) {
  await db.transaction(async (tx) => {
    const course = requireInstructor(await findCourseFor(tx, actor, courseId));
    if (course.state !== 'published') throw new AppError('INVALID_STATE', { state: course.state, action: 'complete' });
    const s = await completionStatus(tx, courseId);
    const missing: string[] = [];
    if (s.lessons < MIN_LESSONS) missing.push(`课时 ${s.lessons}/${MIN_LESSONS}`);
    if (s.internetStudents < MIN_INTERNET_STUDENTS) missing.push(`互联网学生 ${s.internetStudents}/${MIN_INTERNET_STUDENTS}`);
    if (s.creditedStudents < MIN_CREDITED_STUDENTS) missing.push(`获得学分学员 ${s.creditedStudents}/${MIN_CREDITED_STUDENTS}`);
    if (missing.length > 0) throw new AppError('COMPLETION_THRESHOLDS', { missing: missing.join('，') });
    await moveCourse(tx, actor, course, 'complete', 'instructor');
  });
}

// ---------------------------------------------------------------------------------------------
// CRS-3 introduction, CRS-14 checklist

export function parseIntroduction(text: string): IntroductionSections {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const out: IntroductionSections = {};
    for (const k of INTRO_TOPICS) if (typeof parsed[k] === 'string') out[k] = parsed[k];
    return out;
  } catch {
    return { content: text };
  }
}

export async function setIntroduction(db: Db, actor: Actor, courseId: number, sections: IntroductionSections) {
  requireInstructor(await findCourseFor(db, actor, courseId));
  const clean: IntroductionSections = {};
  for (const k of INTRO_TOPICS) {
    const v = sections[k]?.trim();
    if (v) clean[k] = v;
  }
  await db
    .update(courses)
    .set({ introduction: JSON.stringify(clean), updatedAt: new Date() })
    .where(eq(courses.id, courseId));
}

/** CRS-14 (000 §12): the construction requirements, each ticked or not, with the lessons whose video length is off. */
export async function checklistOf(db: Tx, actor: Actor, courseId: number): Promise<Checklist> {
  const access = await findCourseFor(db, actor, courseId);
  if (access.party !== 'instructor' && access.party !== 'reviewer') throw new AppError('FORBIDDEN');
  const { course } = access;
  const intro = parseIntroduction(course.introduction);
  const items: Checklist['items'] = INTRO_TOPICS.map((k: IntroTopic) => ({ key: `intro.${k}`, ok: Boolean(intro[k]?.trim()), count: null, lessons: [] }));
  const rows = await db
    .select({ position: lessons.position, title: lessons.title, durationS: lessonVideos.durationS, state: lessons.state })
    .from(lessons)
    .leftJoin(lessonVideos, eq(lessonVideos.id, lessons.videoId))
    .where(eq(lessons.courseId, courseId))
    .orderBy(asc(lessons.position));
  items.push({ key: 'lessons', ok: rows.length >= MIN_LESSONS, count: rows.length, lessons: [] });
  const [min, max] = VIDEO_MINUTES[course.stage];
  const off = rows.filter((r) => r.durationS !== null && (r.durationS < min * 60 || r.durationS > max * 60));
  const noVideo = rows.filter((r) => r.durationS === null);
  items.push({
    key: 'videoLength',
    ok: off.length === 0 && noVideo.length === 0 && rows.length > 0,
    count: null,
    lessons: [
      ...off.map((r) => ({ title: r.title, minutes: Math.round(((r.durationS ?? 0) / 60) * 10) / 10 })),
      ...noVideo.map((r) => ({ title: r.title, minutes: null })),
    ],
  });
  return { items, ok: items.every((i) => i.ok) };
}

// ---------------------------------------------------------------------------------------------
// lists and the course page

const summaryFields = {
  id: courses.id,
  name: courses.name,
  stage: courses.stage,
  grades: courses.grades,
  subject: courses.subject,
  difficulty: courses.difficulty,
  summary: courses.summary,
  coverKey: courses.coverKey,
  state: courses.state,
  microSchool: courses.microSchool,
  declaredAt: courses.declaredAt,
  instructorName: accounts.realName,
  organisation: schools.name,
  lessonCount: sql<number>`(select count(*)::int from ${lessons} where ${lessons.courseId} = ${courses.id} and ${lessons.state} = 'published')`,
  studentCount: sql<number>`(select count(*)::int from ${courseStudents} where ${courseStudents.courseId} = ${courses.id})`,
};

type SummaryRow = { [K in keyof typeof summaryFields]: unknown } & {
  id: number;
  name: string;
  coverKey: string;
  declaredAt: Date;
  instructorName: string;
  organisation: string | null;
};

function presentSummary(r: SummaryRow): CourseSummary {
  return {
    ...(r as unknown as Omit<CourseSummary, 'coverUrl' | 'declaredAt'>),
    coverUrl: fileUrl(r.coverKey) ?? '',
    declaredAt: new Date(r.declaredAt).toISOString(),
    organisation: r.organisation,
  };
}

export async function listCourses(
  db: Tx,
  actor: Actor,
  q: { view: 'mine' | 'review' | 'catalogue' | 'enrolled'; state?: CourseState; stage?: string; subject?: string; q?: string; page: number; pageSize: number },
): Promise<Page<CourseSummary>> {
  const where: (SQL | undefined)[] = [];
  if (q.view === 'mine') where.push(eq(courses.instructorAccountId, actor.accountId));
  else if (q.view === 'review') {
    if (!isCourseReviewer(actor)) throw new AppError('FORBIDDEN');
    where.push(q.state ? undefined : eq(courses.state, 'pending'));
  } else if (q.view === 'enrolled') {
    where.push(inArray(courses.id, db.select({ id: courseStudents.courseId }).from(courseStudents).where(eq(courseStudents.accountId, actor.accountId))));
  } else where.push(inArray(courses.state, ['published', 'completed']));
  if (q.state) where.push(eq(courses.state, q.state));
  if (q.stage) where.push(eq(courses.stage, q.stage as never));
  if (q.subject) where.push(eq(courses.subject, q.subject as never));
  if (q.q) where.push(or(ilike(courses.name, `%${q.q}%`), ilike(accounts.realName, `${q.q}%`)));
  const cond = and(...where);
  const base = db
    .select(summaryFields)
    .from(courses)
    .innerJoin(accounts, eq(accounts.id, courses.instructorAccountId))
    .innerJoin(teachers, eq(teachers.id, courses.instructorTeacherId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(cond);
  const [rows, [total]] = await Promise.all([
    base
      .orderBy(q.view === 'review' ? asc(courses.declaredAt) : desc(courses.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(courses).innerJoin(accounts, eq(accounts.id, courses.instructorAccountId)).where(cond),
  ]);
  return { items: rows.map((r) => presentSummary(r as SummaryRow)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getCourse(db: Tx, actor: Actor, clock: Clock, courseId: number): Promise<Course> {
  const access = await findCourseFor(db, actor, courseId);
  return presentCourse(db, actor, clock, access);
}

async function presentCourse(db: Tx, actor: Actor, clock: Clock, access: CourseAccess): Promise<Course> {
  const { course, party, student } = access;
  const [row] = await db
    .select(summaryFields)
    .from(courses)
    .innerJoin(accounts, eq(accounts.id, courses.instructorAccountId))
    .innerJoin(teachers, eq(teachers.id, courses.instructorTeacherId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(eq(courses.id, course.id));
  const [profile] = await db.select().from(instructorProfiles).where(eq(instructorProfiles.accountId, course.instructorAccountId));
  const history = (await findHistories(db, courseMachine.name, [course.id])).get(course.id) ?? [];
  const chapters = await loadChapters(db, actor, clock, access);
  const isInstructor = party === 'instructor';
  const completion = isInstructor || party === 'reviewer' ? await completionStatus(db, course.id) : null;
  return {
    ...presentSummary(row as SummaryRow),
    edition: course.edition,
    coverKey: course.coverKey,
    internetPlaces: course.internetPlaces,
    introduction: parseIntroduction(course.introduction),
    instructorAccountId: course.instructorAccountId,
    instructorIntro: profile?.intro ?? null,
    instructorAvatarUrl: fileUrl(profile?.avatarKey ?? null),
    bonusLeft: course.bonusLeft,
    medalsLeft: course.medalsLeft,
    publishedAt: course.publishedAt ? course.publishedAt.toISOString() : null,
    completedAt: course.completedAt ? course.completedAt.toISOString() : null,
    chapters,
    history,
    party,
    studentKind: student?.kind ?? null,
    completion,
    can: {
      edit: isInstructor && (course.state === 'approved' || course.state === 'published'),
      editDeclaration: isInstructor && (course.state === 'pending' || course.state === 'rejected'),
      resubmit: isInstructor && course.state === 'rejected',
      review: party === 'reviewer' && course.state === 'pending',
      publish: isInstructor && course.state === 'approved',
      complete: isInstructor && course.state === 'published' && Boolean(completion?.canComplete),
      enrol: party === 'visitor' && course.state === 'published',
      report: (isInstructor || party === 'reviewer') && course.state === 'completed',
    },
  };
}

/** Files of courses: covers and avatars are public to logged-in users (they show in the catalogue). */
export async function readCourseFile(storage: Storage, key: string): Promise<{ body: Buffer; type: string }> {
  if (!/^(covers|avatars)\//.test(key)) throw new AppError('NOT_FOUND', { what: { 'zh-CN': '文件', 'en-US': 'File' } });
  const body = await storage.get(key).catch(() => {
    throw new AppError('NOT_FOUND', { what: { 'zh-CN': '文件', 'en-US': 'File' } });
  });
  return { body, type: key.endsWith('.png') ? 'image/png' : 'image/jpeg' };
}
