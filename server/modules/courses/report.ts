import { asc, eq } from 'drizzle-orm';
import { shanghaiDate } from '../../../common/training.js';
import type { Tx } from '../../db/client.js';
import { accounts, courseStudents, lessons, lessonVideos } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { renderReport } from '../../lib/pdf.js';
import type { Actor } from '../org/scope.js';
import { findCourseFor } from './policy.js';
import { completionStatus } from './service.js';

const KIND_LABEL = { learner: '网络学员', internet: '互联网学生' } as const;

/** CRS-13 结课报告: the course's statistics, lessons and students with their credit, as a PDF. */
export async function completionReport(db: Tx, actor: Actor, clock: Clock, courseId: number): Promise<{ name: string; body: Buffer }> {
  const access = await findCourseFor(db, actor, courseId);
  if (access.party !== 'instructor' && access.party !== 'reviewer') throw new AppError('FORBIDDEN');
  const { course } = access;
  if (course.state !== 'completed') throw new AppError('INVALID_STATE', { state: course.state, action: 'report' });
  const [status, [instructor], lessonRows, students] = await Promise.all([
    completionStatus(db, courseId),
    db.select({ name: accounts.realName }).from(accounts).where(eq(accounts.id, course.instructorAccountId)),
    db
      .select({ title: lessons.title, date: lessons.lessonDate, state: lessons.state, durationS: lessonVideos.durationS })
      .from(lessons)
      .leftJoin(lessonVideos, eq(lessonVideos.id, lessons.videoId))
      .where(eq(lessons.courseId, courseId))
      .orderBy(asc(lessons.position)),
    db
      .select({ name: accounts.realName, shixunNo: accounts.shixunNo, kind: courseStudents.kind, creditAt: courseStudents.creditAt })
      .from(courseStudents)
      .innerJoin(accounts, eq(accounts.id, courseStudents.accountId))
      .where(eq(courseStudents.courseId, courseId))
      .orderBy(asc(courseStudents.enrolledAt), asc(courseStudents.accountId)),
  ]);
  const issuedOn = shanghaiDate(clock.now());
  const body = await renderReport({
    title: '结课报告',
    subtitle: course.name,
    serial: `JK-${course.id}-${(course.completedAt ?? clock.now()).toISOString().slice(0, 10).replaceAll('-', '')}`,
    issuer: '师训平台 网络同步课',
    issuedOn,
    sections: [
      {
        heading: '课程概况',
        facts: [
          ['课程名称', course.name],
          ['主讲教师', instructor?.name ?? ''],
          ['发布日期', course.publishedAt ? shanghaiDate(course.publishedAt) : '—'],
          ['结课日期', course.completedAt ? shanghaiDate(course.completedAt) : issuedOn],
          ['已发布课时', `${status.lessons} 个`],
          ['学员总数', `${students.length} 人`],
          ['互联网学生', `${status.internetStudents} 人`],
          ['获得系统学分', `${status.creditedStudents} 人`],
        ],
      },
      {
        heading: '课时',
        table: {
          columns: [
            { header: '序号', width: 36, align: 'center' },
            { header: '课时名称', width: 'fill' },
            { header: '开课日期', width: 80, align: 'center' },
            { header: '视频时长', width: 64, align: 'center' },
          ],
          rows: lessonRows.map((l, i) => [String(i + 1), l.title, l.date, l.durationS ? `${Math.round(l.durationS / 60)} 分钟` : '—']),
          emptyText: '无课时',
        },
      },
      {
        heading: '学员与学分',
        table: {
          columns: [
            { header: '序号', width: 36, align: 'center' },
            { header: '姓名', width: 'fill' },
            { header: '师训号', width: 110, align: 'center' },
            { header: '身份', width: 76, align: 'center' },
            { header: '系统学分', width: 64, align: 'center' },
          ],
          rows: students.map((s, i) => [String(i + 1), s.name, s.shixunNo ?? '—', KIND_LABEL[s.kind], s.creditAt ? '1' : '—']),
          emptyText: '无学员',
        },
      },
    ],
  });
  return { name: `结课报告-${course.name}.pdf`, body };
}
