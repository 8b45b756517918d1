import { eq } from 'drizzle-orm';
import type { StudentKind } from '../../common/courses.js';
import { courseChapters, courseStudents, courses, lessons, lessonVideos, teachers } from '../db/schema.js';
import type { Client, TestCtx } from './helpers.js';
import { at, day, type Learner, schoolIdOf, teachersOf } from './training.js';

export type CourseFixture = {
  courseId: number;
  chapterId: number;
  lessonIds: number[];
  videoIds: number[];
  /** Seconds of each HLS segment of every fixture video. */
  segmentSeconds: number[];
  instructorAccountId: number;
  instructor: Client;
};

/**
 * A published course of the demo `teacher` with `lessons` published lessons, each with a ready
 * video of the given segments (no files on disk: for rules about students, scoring and progress,
 * where the video bytes do not matter). Building one through the API needs a real transcode per
 * lesson; courses.test.ts does that path once.
 */
export async function publishedCourse(
  t: TestCtx,
  opts: { lessons?: number; segmentSeconds?: number[]; lessonDayOffset?: number; internetPlaces?: number; trialFirst?: boolean } = {},
): Promise<CourseFixture> {
  const n = opts.lessons ?? 12;
  const segmentSeconds = opts.segmentSeconds ?? [6, 6, 6, 6, 6, 6, 6, 6, 6, 4];
  const acc = await t.account({ username: 'teacher' });
  const [teacher] = await t.db.select({ id: teachers.id }).from(teachers).where(eq(teachers.accountId, acc.id));
  if (!teacher) throw new Error('fixture: the demo teacher has no teacher record');
  const [course] = await t.db
    .insert(courses)
    .values({
      instructorAccountId: acc.id,
      instructorTeacherId: teacher.id,
      name: `测试课程 ${Math.random().toString(36).slice(2, 7)}`,
      stage: 'primary',
      grades: [3, 4],
      subject: 'math',
      difficulty: 'basic',
      summary: '用于测试的网络同步课',
      coverKey: 'covers/00000000-0000-0000-0000-000000000000.png',
      internetPlaces: opts.internetPlaces ?? 100,
      state: 'published',
      publishedAt: t.clock.now(),
    })
    .returning({ id: courses.id });
  if (!course) throw new Error('fixture: no course');
  const [chapter] = await t.db.insert(courseChapters).values({ courseId: course.id, title: '第一章', position: 1 }).returning({ id: courseChapters.id });
  if (!chapter) throw new Error('fixture: no chapter');
  const lessonIds: number[] = [];
  const videoIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const [lesson] = await t.db
      .insert(lessons)
      .values({
        courseId: course.id,
        chapterId: chapter.id,
        title: `第 ${i + 1} 课时`,
        lessonDate: day(t, opts.lessonDayOffset ?? 0),
        trial: opts.trialFirst === true && i === 0,
        position: i + 1,
        state: 'published',
      })
      .returning({ id: lessons.id });
    if (!lesson) throw new Error('fixture: no lesson');
    const [video] = await t.db
      .insert(lessonVideos)
      .values({
        lessonId: lesson.id,
        fileName: `lesson-${i + 1}.mp4`,
        size: 1000,
        state: 'ready',
        progress: 100,
        durationS: segmentSeconds.reduce((a, b) => a + b, 0),
        segmentSeconds,
        readyAt: t.clock.now(),
      })
      .returning({ id: lessonVideos.id });
    if (!video) throw new Error('fixture: no video');
    await t.db.update(lessons).set({ videoId: video.id }).where(eq(lessons.id, lesson.id));
    lessonIds.push(lesson.id);
    videoIds.push(video.id);
  }
  return {
    courseId: course.id,
    chapterId: chapter.id,
    lessonIds,
    videoIds,
    segmentSeconds,
    instructorAccountId: acc.id,
    instructor: await t.login('teacher'),
  };
}

/**
 * `n` teachers of the demo 西湖区 school (after skipping `skip`) enrolled in a course as
 * `kind`, inserted directly (the enrolment route is tested on its own).
 */
export async function studentsOf(t: TestCtx, courseId: number, n: number, kind: StudentKind = 'internet', skip = 0): Promise<Learner[]> {
  const learners = await teachersOf(t, await schoolIdOf(t, 'school'), n, skip);
  const list = learners as unknown as Learner[];
  for (let i = 0; i < list.length; i++) {
    const l = at(list, i);
    await t.db.insert(courseStudents).values({ courseId, accountId: l.accountId, teacherId: l.id, kind });
  }
  return list;
}
