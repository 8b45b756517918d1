import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { and, asc, count, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Lang } from '../../../common/i18n/errors.js';
import type { TeacherListQuery, TeacherStats } from '../../../common/schemas/teachers.js';
import { TEACHER_LABELS_ZH } from '../../../common/teachers.js';
import type { Db } from '../../db/client.js';
import { accounts, schools, teachers } from '../../db/schema.js';
import { type RequestMeta, writeAudit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { findRegion } from '../org/regions.js';
import type { Actor } from '../org/scope.js';
import { actorAuditUnit, actorRef } from '../org/service.js';
import { teacherConditions } from './service.js';

type Filters = Omit<TeacherListQuery, 'page' | 'pageSize'>;
type Dimension = TeacherStats['by'];

/** Regions one level below my scope: the province sees cities, a city its counties, a county its schools. */
function regionGroup(actor: Actor): { key: SQL; kind: 'city' | 'county' | 'school' } {
  if (actor.scope.kind === 'province') return { key: sql`${schools.cityCode}`, kind: 'city' };
  if (actor.scope.kind === 'city') return { key: sql`${schools.countyCode}`, kind: 'county' };
  return { key: sql`${schools.id}::text`, kind: 'school' };
}

const AGE_BAND = sql`case when ${teachers.birthDate} is null then 'unset'
  else (floor(extract(year from age(current_date, ${teachers.birthDate}::date)) / 10) * 10)::int || '-' || (floor(extract(year from age(current_date, ${teachers.birthDate}::date)) / 10) * 10 + 9)::int end`;

const VOCABULARY_COLUMNS = { stage: teachers.stage, title: teachers.title, status: teachers.status, gender: teachers.gender };

/** TCH-8: counts by region, school, stage, subject, title, status, gender or age band, within my scope and the filters. */
export async function teacherStats(db: Db, actor: Actor, q: Filters & { by: Dimension }): Promise<TeacherStats> {
  const where = teacherConditions(actor, q);
  const region = regionGroup(actor);
  const bySchool = q.by === 'school' || (q.by === 'region' && region.kind === 'school');
  const key: SQL = bySchool
    ? sql`${schools.id}::text`
    : q.by === 'region'
      ? region.key
      : q.by === 'subject'
        ? sql`unnest(${teachers.subjects})`
        : q.by === 'age'
          ? AGE_BAND
          : sql`${VOCABULARY_COLUMNS[q.by as keyof typeof VOCABULARY_COLUMNS]}`;
  const [totalRow] = await db
    .select({ n: count() })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(where);
  const rows = await db
    .select({
      key: sql<string | null>`${key}`.as('k'),
      // A school's group carries its name (the id is unique, so max() is that name).
      schoolName: sql<string | null>`max(${schools.name})`.as('school_name'),
      n: count(),
    })
    .from(teachers)
    .innerJoin(accounts, eq(accounts.id, teachers.accountId))
    .leftJoin(schools, eq(schools.id, teachers.schoolId))
    .where(where)
    .groupBy(sql`1`)
    .orderBy(q.by === 'age' ? asc(sql`1`) : desc(count()))
    .limit(bySchool ? 50 : 200);
  return {
    by: q.by,
    total: totalRow?.n ?? 0,
    groups: rows.map((r) => {
      const k = r.key ?? 'unset';
      const name = bySchool ? r.schoolName : q.by === 'region' ? (findRegion(k)?.name ?? null) : null;
      const label = q.by === 'region' || q.by === 'school' ? (name ?? (k === 'unset' ? '自由人' : null)) : null;
      return { key: k, label, count: Number(r.n) };
    }),
  };
}

const EXPORT_PAGE = 5000;

/**
 * TCH-8 export (ACC-5: after SMS re-verification, audited): every teacher matching the filters in
 * my scope, unmasked, streamed page by page so a county or the province never sits in memory.
 */
export async function exportTeachers(deps: { db: Db; clock: Clock }, actor: Actor, q: Filters, lang: Lang, meta: RequestMeta) {
  const where = teacherConditions(actor, q);
  await writeAudit(deps.db, {
    action: 'teacher.exported',
    actor: actorRef(actor),
    detail: { filters: q },
    unit: await actorAuditUnit(deps.db, actor.role),
    ...meta,
  });
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const zh = lang === 'zh-CN';
  const ws = wb.addWorksheet(zh ? '教师信息' : 'Teachers', { views: [{ state: 'frozen', ySplit: 1 }] });
  const L = TEACHER_LABELS_ZH;
  ws.columns = [
    { header: '师训号', width: 14 },
    { header: zh ? '姓名' : 'Name', width: 10 },
    { header: zh ? '性别' : 'Gender', width: 6 },
    { header: zh ? '出生日期' : 'Birth date', width: 12 },
    { header: zh ? '身份证号' : 'ID number', width: 21 },
    { header: zh ? '手机号' : 'Mobile', width: 13 },
    { header: zh ? '电子邮箱' : 'Email', width: 20 },
    { header: zh ? '区县' : 'County', width: 10 },
    { header: zh ? '学校' : 'School', width: 26 },
    { header: zh ? '任教学段' : 'Stage', width: 8 },
    { header: zh ? '任教学科' : 'Subjects', width: 16 },
    { header: zh ? '职称' : 'Title', width: 10 },
    { header: zh ? '岗位' : 'Post', width: 10 },
    { header: zh ? '在职状态' : 'Status', width: 8 },
    { header: zh ? '认证' : 'Verified', width: 6 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const write = async () => {
    let after = 0;
    for (;;) {
      // A client that went away stops the export; a slow one is waited for between pages.
      if (out.destroyed) return;
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      const rows = await deps.db
        .select({
          id: teachers.id,
          shixunNo: accounts.shixunNo,
          name: accounts.realName,
          gender: teachers.gender,
          birthDate: teachers.birthDate,
          idNumber: accounts.idNumber,
          mobile: accounts.mobile,
          email: teachers.email,
          countyCode: schools.countyCode,
          schoolName: schools.name,
          stage: teachers.stage,
          subjects: teachers.subjects,
          title: teachers.title,
          post: teachers.post,
          status: teachers.status,
          verified: teachers.verified,
        })
        .from(teachers)
        .innerJoin(accounts, eq(accounts.id, teachers.accountId))
        .leftJoin(schools, eq(schools.id, teachers.schoolId))
        .where(and(where, gt(teachers.id, after)))
        .orderBy(asc(teachers.id))
        .limit(EXPORT_PAGE);
      for (const r of rows) {
        ws.addRow([
          r.shixunNo,
          r.name,
          r.gender === 'M' ? '男' : '女',
          r.birthDate,
          r.idNumber,
          r.mobile,
          r.email,
          findRegion(r.countyCode)?.name ?? '',
          r.schoolName ?? '自由人',
          r.stage ? L.stage[r.stage] : '',
          r.subjects.map((s) => L.subject[s]).join('、'),
          r.title ? L.title[r.title] : '',
          r.post ? L.post[r.post] : '',
          L.status[r.status],
          r.verified ? '是' : '否',
        ]).commit();
      }
      if (rows.length < EXPORT_PAGE) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
    ws.commit();
    await wb.commit();
  };
  write().catch((e) => out.destroy(e as Error));
  return out;
}
