import { count, eq } from 'drizzle-orm';
import { hashPassword } from '../../lib/password.js';
import type { Storage } from '../../lib/storage.js';
import { findRegion } from '../../modules/org/regions.js';
import type { Db } from '../client.js';
import { accountRoles, accounts, institutionRegions, institutions, teachers } from '../schema.js';
import { seedCourses } from './courses.js';
import { rng, seedSchools, seedTeachers } from './generate.js';
import { seedTraining } from './training.js';

export const DEMO_PASSWORD = 'Demo@2026';
/** The school admin who must change this initial password at first login (shows ACC-1). */
export const DEMO_INITIAL_PASSWORD = 'Init#2026';

export type DemoLogin = { username: string; password: string; role: string; note?: string };

/** True when the database holds no accounts yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(accounts);
  return (row?.n ?? 0) === 0;
}

/**
 * A small realistic province: five counties of three cities, 30 schools, 600 teachers, two
 * institutions and an admin at every level. Deterministic, so screenshots and tests are stable.
 */
export async function seedDemo(
  db: Db,
  /** `courses`: also seed online synchronous courses (npm start; tests build their own). */
  opts: { year?: number; storage?: Storage; today?: Date; courses?: { media?: { dataDir: string; ffmpegPath: string } } } = {},
): Promise<DemoLogin[]> {
  const year = opts.year ?? 2026;
  const r = rng(20260901);
  const counties = ['330106', '330102', '330110', '330212', '330302'].map((c) => findRegion(c)).filter((x) => !!x);
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const initialHash = await hashPassword(DEMO_INITIAL_PASSWORD);

  const logins = await db.transaction(async (tx) => {
    const schoolList = await seedSchools(tx, { counties, schoolsPerCounty: 6, teachersPerSchool: 20, seed: 1 }, r);
    await seedTeachers(tx, schoolList, 20, r, year);
    const [inst1, inst2] = await tx
      .insert(institutions)
      .values([
        {
          name: '浙江省教师培训中心',
          level: 'province',
          regionCode: '330000',
          cityCode: null,
          contactName: '周明',
          contactMobile: '13700000011',
          address: '杭州市西湖区文三路 8 号',
        },
        {
          name: '杭州市西湖区教师进修学校',
          level: 'county',
          regionCode: '330106',
          cityCode: '330100',
          contactName: '林静',
          contactMobile: '13700000012',
          address: '杭州市西湖区古墩路 57 号',
        },
      ])
      .returning({ id: institutions.id });
    if (!inst1 || !inst2) throw new Error('seed: institutions not created');
    await tx.insert(institutionRegions).values([
      ...['330100', '330200', '330300', '330400', '330500', '330600', '330700', '330800', '330900', '331000', '331100'].map((regionCode) => ({
        institutionId: inst1.id,
        regionCode,
      })),
      { institutionId: inst2.id, regionCode: '330106' },
    ]);
    const xihuSchool = schoolList.find((s) => s.countyCode === '330106');
    const yuhangSchool = schoolList.find((s) => s.countyCode === '330110');
    if (!xihuSchool || !yuhangSchool) throw new Error('seed: no school in 西湖区 or 余杭区');

    const admins: {
      username: string;
      realName: string;
      mobile: string;
      hash: string;
      mustChange: boolean;
      role: (typeof accountRoles.$inferInsert)['role'];
      unit: Partial<typeof accountRoles.$inferInsert>;
    }[] = [
      {
        username: 'province',
        realName: '沈建国',
        mobile: '13700000001',
        hash: demoHash,
        mustChange: false,
        role: 'province_admin',
        unit: { regionCode: '330000' },
      },
      {
        username: 'hangzhou',
        realName: '陈晓燕',
        mobile: '13700000002',
        hash: demoHash,
        mustChange: false,
        role: 'bureau_admin',
        unit: { regionCode: '330100' },
      },
      { username: 'xihu', realName: '王立新', mobile: '13700000003', hash: demoHash, mustChange: false, role: 'bureau_admin', unit: { regionCode: '330106' } },
      {
        username: 'yuhang',
        realName: '李卫东',
        mobile: '13700000004',
        hash: demoHash,
        mustChange: false,
        role: 'bureau_admin',
        unit: { regionCode: '330110' },
      },
      {
        username: 'peixun',
        realName: '周明',
        mobile: '13700000005',
        hash: demoHash,
        mustChange: false,
        role: 'institution_admin',
        unit: { institutionId: inst1.id },
      },
      {
        username: 'jinxiu',
        realName: '林静',
        mobile: '13700000006',
        hash: demoHash,
        mustChange: false,
        role: 'institution_admin',
        unit: { institutionId: inst2.id },
      },
      {
        username: 'school',
        realName: '赵敏',
        mobile: '13700000007',
        hash: demoHash,
        mustChange: false,
        role: 'school_admin',
        unit: { schoolId: xihuSchool.id },
      },
      {
        username: 'school2',
        realName: '钱芳',
        mobile: '13700000008',
        hash: demoHash,
        mustChange: false,
        role: 'school_admin',
        unit: { schoolId: yuhangSchool.id },
      },
      // CRS-2/CRS-5: reviews online course declarations and lessons.
      { username: 'shenhe', realName: '孙慧', mobile: '13700000009', hash: demoHash, mustChange: false, role: 'reviewer', unit: {} },
    ];
    for (const a of admins) {
      const [acc] = await tx
        .insert(accounts)
        .values({ username: a.username, realName: a.realName, mobile: a.mobile, passwordHash: a.hash, mustChangePassword: a.mustChange })
        .returning({ id: accounts.id });
      if (!acc) throw new Error('seed: account not created');
      await tx.insert(accountRoles).values({ accountId: acc.id, role: a.role, ...a.unit });
    }

    // Two teachers of the 西湖区 school get usernames: one is also a school admin with an
    // initial password (forced change, identity switch), one is a plain teacher.
    const staff = await tx.select({ accountId: teachers.accountId }).from(teachers).where(eq(teachers.schoolId, xihuSchool.id)).orderBy(teachers.id).limit(2);
    const [first, second] = staff;
    if (!first || !second) throw new Error('seed: no teachers');
    await tx.update(accounts).set({ username: 'newadmin', passwordHash: initialHash, mustChangePassword: true }).where(eq(accounts.id, first.accountId));
    await tx.insert(accountRoles).values({ accountId: first.accountId, role: 'school_admin', schoolId: xihuSchool.id });
    await tx.update(accounts).set({ username: 'teacher', passwordHash: demoHash, mustChangePassword: false }).where(eq(accounts.id, second.accountId));
    // TCH-5 refusals to try: a special user and a teacher with an unpaid selection in 余杭区.
    const yuhangStaff = await tx.select({ id: teachers.id }).from(teachers).where(eq(teachers.schoolId, yuhangSchool.id)).orderBy(teachers.id).limit(2);
    if (yuhangStaff[0]) await tx.update(teachers).set({ specialUser: true }).where(eq(teachers.id, yuhangStaff[0].id));
    if (yuhangStaff[1]) await tx.update(teachers).set({ unpaidSelections: 1 }).where(eq(teachers.id, yuhangStaff[1].id));

    return [
      { username: 'province', password: DEMO_PASSWORD, role: '省级管理员 浙江省教育厅' },
      { username: 'hangzhou', password: DEMO_PASSWORD, role: '市教育局管理员 杭州市' },
      { username: 'xihu', password: DEMO_PASSWORD, role: '区县教育局管理员 西湖区' },
      { username: 'yuhang', password: DEMO_PASSWORD, role: '区县教育局管理员 余杭区' },
      { username: 'peixun', password: DEMO_PASSWORD, role: '培训机构管理员 浙江省教师培训中心' },
      { username: 'jinxiu', password: DEMO_PASSWORD, role: '培训机构管理员 杭州市西湖区教师进修学校' },
      { username: 'school', password: DEMO_PASSWORD, role: `学校管理员 ${xihuSchool.name}` },
      { username: 'school2', password: DEMO_PASSWORD, role: `学校管理员 ${yuhangSchool.name}` },
      { username: 'shenhe', password: DEMO_PASSWORD, role: '课程审核员（网络同步课）' },
      { username: 'teacher', password: DEMO_PASSWORD, role: `教师 ${xihuSchool.name}` },
      { username: 'newadmin', password: DEMO_INITIAL_PASSWORD, role: '学校管理员 + 教师', note: '首次登录须修改密码 / must change password' },
    ];
  });
  // Training projects, enrolments and results need uploaded plans, hence a file store.
  if (opts.storage) await seedTraining(db, opts.storage, opts.today);
  if (opts.storage && opts.courses) await seedCourses(db, opts.storage, { today: opts.today, media: opts.courses.media });
  return logins;
}
