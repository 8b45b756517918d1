import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { and, asc, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { addDays, shanghaiDate } from '../../../common/training.js';
import { enqueueJob } from '../../lib/jobs.js';
import type { Storage } from '../../lib/storage.js';
import { mediaPaths } from '../../modules/courses/media.js';
import type { Db, Tx } from '../client.js';
import {
  accounts,
  courseChapters,
  courseReviews,
  courseStudents,
  courses,
  courseWindows,
  exercises,
  homework,
  instructorProfiles,
  lessons,
  lessonVideos,
  reviewHistory,
  teachers,
  topicReplies,
  topics,
} from '../schema.js';

const run = promisify(execFile);

/** A valid PNG of one colour, made without any image library (demo covers and avatars). */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const LESSON_TITLES = [
  '认识分数',
  '分数的大小比较',
  '同分母分数加减法',
  '分数与除法',
  '小数的意义',
  '小数的大小比较',
  '小数加减法',
  '图形的周长',
  '长方形和正方形的面积',
  '面积单位换算',
  '统计与条形图',
  '数学广角：搭配问题',
];

/**
 * Online synchronous courses for the demo (CRS): this year's declaration window; the demo
 * `teacher` as instructor of a published course with 12 lessons (the first a 试看) and a 13th
 * waiting for lesson review; another teacher's declaration waiting for the reviewer `shenhe`;
 * students enrolled. With `media`, each lesson gets a real video made with ffmpeg, transcoded by
 * the job runner after start (a few seconds per lesson).
 */
export async function seedCourses(db: Db, storage: Storage, opts: { today?: Date; media?: { dataDir: string; ffmpegPath: string } } = {}) {
  const today = shanghaiDate(opts.today ?? new Date());
  const year = Number(today.slice(0, 4));
  const [instructor] = await db
    .select({ accountId: accounts.id, teacherId: teachers.id, name: accounts.realName, schoolId: teachers.schoolId })
    .from(accounts)
    .innerJoin(teachers, eq(teachers.accountId, accounts.id))
    .where(eq(accounts.username, 'teacher'));
  if (!instructor) return;
  const [other] = await db
    .select({ accountId: accounts.id, teacherId: teachers.id, name: accounts.realName })
    .from(accounts)
    .innerJoin(teachers, eq(teachers.accountId, accounts.id))
    .where(and(isNull(accounts.username), isNotNull(accounts.shixunNo), ne(teachers.schoolId, instructor.schoolId ?? 0)))
    .orderBy(asc(accounts.id))
    .limit(1);
  const avatar = await storage.put('avatars', solidPng(160, 160, [64, 120, 200]), 'png');
  const cover1 = await storage.put('covers', solidPng(750, 422, [38, 110, 190]), 'png');
  const cover2 = await storage.put('covers', solidPng(750, 422, [200, 120, 40]), 'png');
  const reviewer = { actorName: '孙慧', actorRole: 'reviewer' };

  const videoSource = opts.media ? await makeDemoClip(opts.media) : null;
  const videos: { id: number; mediaKey: string }[] = [];

  await db.transaction(async (tx) => {
    await tx.insert(courseWindows).values({ year, opensOn: addDays(today, -10), closesOn: addDays(today, 30) });
    await tx.insert(instructorProfiles).values({
      accountId: instructor.accountId,
      avatarKey: avatar,
      intro: '小学数学高级教师，从教十五年，区级学科带头人，长期关注学生数学思维的培养。',
    });
    const [course] = await tx
      .insert(courses)
      .values({
        instructorAccountId: instructor.accountId,
        instructorTeacherId: instructor.teacherId,
        name: '小学数学思维训练营',
        stage: 'primary',
        grades: [3, 4],
        subject: 'math',
        edition: '人教版',
        difficulty: 'intermediate',
        summary: '围绕三、四年级“数与代数”“图形与几何”的核心内容，通过问题情境培养学生的数学思维。',
        coverKey: cover1,
        internetPlaces: 80,
        introduction: JSON.stringify({
          content: '本课程共 12 课时，覆盖分数、小数、周长与面积、统计等内容。',
          audience: '小学三、四年级学生及任教教师。',
          goals: '理解概念的来龙去脉，学会用数学语言表达思考过程。',
          preparation: '练习本、直尺、彩笔。',
          evaluation: '观看视频、完成作业、参与话题与课程点评，按系统空间学分赋分规则评定。',
          self: '区级学科带头人，多次执教省市级公开课。',
          copyright: '课程视频与资料由主讲教师原创，仅限本平台学习使用。',
        }),
        state: 'published',
        microSchool: true,
        publishedAt: new Date(),
      })
      .returning({ id: courses.id });
    if (!course) throw new Error('seed: no course');
    for (const [action, from, to] of [
      ['submit', null, 'pending'],
      ['approve', 'pending', 'approved'],
      ['publish', 'approved', 'published'],
    ] as const) {
      const actor = action === 'approve' ? reviewer : { actorName: instructor.name, actorRole: 'teacher' };
      await tx.insert(reviewHistory).values({ machine: 'course', subjectId: course.id, fromState: from, toState: to, action, ...actor });
    }
    const chapters = await tx
      .insert(courseChapters)
      .values([
        { courseId: course.id, title: '第一单元 数与代数', position: 1 },
        { courseId: course.id, title: '第二单元 图形与统计', position: 2 },
      ])
      .returning({ id: courseChapters.id });
    const lessonIds: number[] = [];
    for (let i = 0; i < 13; i++) {
      const pending = i === 12;
      const [lesson] = await tx
        .insert(lessons)
        .values({
          courseId: course.id,
          chapterId: (i < 7 ? chapters[0]?.id : chapters[1]?.id) as number,
          title: pending ? '拓展课：生活中的数学' : `第 ${i + 1} 课时 ${LESSON_TITLES[i]}`,
          lessonDate: addDays(today, pending ? 3 : i - 12),
          trial: i === 0,
          position: i + 1,
          state: pending ? 'pending' : 'published',
        })
        .returning({ id: lessons.id });
      if (!lesson) continue;
      lessonIds.push(lesson.id);
      const steps: [string, string | null, string][] = pending
        ? [['submit', 'draft', 'pending']]
        : [
            ['submit', 'draft', 'pending'],
            ['approve', 'pending', 'published'],
          ];
      for (const [action, from, to] of steps) {
        const actor = action === 'approve' ? reviewer : { actorName: instructor.name, actorRole: 'teacher' };
        await tx.insert(reviewHistory).values({ machine: 'lesson', subjectId: lesson.id, fromState: from, toState: to, action, ...actor });
      }
      if (!videoSource) continue;
      const [video] = await tx
        .insert(lessonVideos)
        .values({ lessonId: lesson.id, fileName: `第${i + 1}课时.mp4`, size: videoSource.size, state: 'queued', durationS: videoSource.durationS })
        .returning({ id: lessonVideos.id, mediaKey: lessonVideos.mediaKey });
      if (!video) continue;
      await tx.update(lessons).set({ videoId: video.id }).where(eq(lessons.id, lesson.id));
      await enqueueJob(tx, 'transcode', { videoId: video.id }, 2);
      videos.push(video);
    }
    // Students: the rest of the instructor's school, the first 30 as 互联网学生.
    const students = await tx
      .select({ accountId: teachers.accountId, teacherId: teachers.id, name: accounts.realName })
      .from(teachers)
      .innerJoin(accounts, eq(accounts.id, teachers.accountId))
      .where(and(eq(teachers.schoolId, instructor.schoolId ?? 0), ne(teachers.id, instructor.teacherId)))
      .orderBy(asc(teachers.id))
      .limit(40);
    if (students.length > 0) {
      await tx.insert(courseStudents).values(
        students.map((s, i) => ({
          courseId: course.id,
          accountId: s.accountId,
          teacherId: s.teacherId,
          kind: i < 30 ? ('internet' as const) : ('learner' as const),
        })),
      );
    }
    await seedCourseTalk(tx, { courseId: course.id, lessonIds, instructor, students, today });
    // A declaration from another teacher, waiting for the reviewer.
    if (other) {
      await tx.insert(instructorProfiles).values({ accountId: other.accountId, avatarKey: avatar, intro: '初中语文教师，热爱阅读教学。' });
      const [pending] = await tx
        .insert(courses)
        .values({
          instructorAccountId: other.accountId,
          instructorTeacherId: other.teacherId,
          name: '整本书阅读：《西游记》',
          stage: 'junior',
          grades: [7],
          subject: 'chinese',
          difficulty: 'basic',
          summary: '带领七年级学生完成《西游记》整本书阅读，学习批注与专题探究。',
          coverKey: cover2,
          internetPlaces: 60,
          state: 'pending',
        })
        .returning({ id: courses.id });
      if (pending) {
        await tx.insert(reviewHistory).values({
          machine: 'course',
          subjectId: pending.id,
          fromState: null,
          toState: 'pending',
          action: 'submit',
          actorName: other.name,
          actorRole: 'teacher',
        });
      }
    }
  });
  if (opts.media && videoSource) {
    const paths = mediaPaths(opts.media);
    for (const v of videos) {
      await fs.mkdir(paths.dir(v.mediaKey), { recursive: true });
      await fs.copyFile(videoSource.file, paths.source(v.mediaKey));
    }
    await fs.rm(videoSource.file, { force: true });
  }
}

/**
 * What the first students did in the demo course, so its pages are not empty: homework (one marked
 * excellent with a comment, one waiting), topics (one answered by the instructor), and course
 * reviews (one approved, one waiting), each with the history the app would have written.
 */
async function seedCourseTalk(
  tx: Tx,
  c: { courseId: number; lessonIds: number[]; instructor: { accountId: number; name: string }; students: { accountId: number; name: string }[]; today: string },
) {
  const [s1, s2, s3] = c.students;
  const [lesson1, lesson2] = c.lessonIds;
  if (!s1 || !s2 || !s3 || !lesson1 || !lesson2) return;
  const [exercise] = await tx
    .insert(exercises)
    .values({
      lessonId: lesson1,
      title: '生活中的分数',
      deadline: new Date(`${addDays(c.today, 7)}T23:59:00+08:00`),
      content: '找一找生活中用分数表示的例子，写出三个，并说明每个分数表示的意义。',
    })
    .returning({ id: exercises.id });
  if (exercise) {
    await tx.insert(homework).values([
      {
        exerciseId: exercise.id,
        accountId: s1.accountId,
        text: '1. 一块蛋糕平均分成 8 份，吃了 3 份，吃了这块蛋糕的 3/8。\n2. 一盒牛奶 250 毫升，喝了一半，即 1/2。\n3. 一小时的 1/4 是 15 分钟。',
        mark: 'excellent',
        score: 95,
        comment: '例子贴近生活，说明清楚。',
        gradedAt: new Date(),
      },
      { exerciseId: exercise.id, accountId: s2.accountId, text: '披萨切成 6 块，我吃了 2 块，是 2/6，也就是 1/3。' },
    ]);
  }
  const [answered] = await tx
    .insert(topics)
    .values({ lessonId: lesson1, courseId: c.courseId, accountId: s1.accountId, text: '分数和除法有什么关系？3/4 可以理解成 3÷4 吗？', answeredAt: new Date() })
    .returning({ id: topics.id });
  if (answered) {
    await tx.insert(topicReplies).values([
      { topicId: answered.id, accountId: c.instructor.accountId, byInstructor: true, text: '可以。把 3 平均分成 4 份，每份就是 3/4，下节课我们会专门讲。' },
      { topicId: answered.id, accountId: s2.accountId, byInstructor: false, text: '我也想问这个问题，谢谢老师！' },
    ]);
  }
  await tx.insert(topics).values({ lessonId: lesson2, courseId: c.courseId, accountId: s3.accountId, text: '小数点移动的规律有没有好记的方法？' });
  const reviewText =
    '这门课程的内容安排循序渐进，每个课时都从生活中的真实问题出发，引导学生一步步发现数学规律。老师讲解清楚、节奏适中，配套的练习与话题讨论也很有针对性。通过学习，我对如何在课堂上培养学生的数学思维有了更具体的办法，准备在自己的班级里尝试。';
  const reviews = await tx
    .insert(courseReviews)
    .values([
      { courseId: c.courseId, accountId: s1.accountId, text: reviewText, state: 'approved' },
      { courseId: c.courseId, accountId: s2.accountId, text: `${reviewText}希望以后能增加更多分层练习。`, state: 'pending' },
    ])
    .returning({ id: courseReviews.id, state: courseReviews.state });
  for (const [i, r] of reviews.entries()) {
    const author = (i === 0 ? s1 : s2).name;
    await tx
      .insert(reviewHistory)
      .values({ machine: 'course_review', subjectId: r.id, fromState: null, toState: 'pending', action: 'submit', actorName: author, actorRole: 'student' });
    if (r.state === 'approved') {
      await tx.insert(reviewHistory).values({
        machine: 'course_review',
        subjectId: r.id,
        fromState: 'pending',
        toState: 'approved',
        action: 'approve',
        actorName: c.instructor.name,
        actorRole: 'teacher',
      });
    }
  }
}

/** A 30-second test clip with a tone, made by ffmpeg's lavfi sources; null when ffmpeg is missing. */
async function makeDemoClip(media: { dataDir: string; ffmpegPath: string }) {
  const file = path.join(media.dataDir, `demo-${randomUUID()}.mp4`);
  try {
    await fs.mkdir(media.dataDir, { recursive: true });
    await run(media.ffmpegPath, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=duration=30:size=640x360:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=30',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-shortest',
      file,
    ]);
    const stat = await fs.stat(file);
    return { file, size: stat.size, durationS: 30 };
  } catch {
    return null;
  }
}
