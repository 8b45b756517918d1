import { sql } from 'drizzle-orm';
import { hashPassword } from '../../lib/password.js';
import { PROVINCE, REGIONS } from '../../modules/org/regions.js';
import type { Db } from '../client.js';
import { accountRoles, accounts, institutionRegions, institutions } from '../schema.js';
import { DEMO_PASSWORD } from './demo.js';
import { insertChunked, rng, seedSchools, seedTeachers } from './generate.js';

export type ProvinceSeedResult = { schools: number; teachers: number; admins: number; seconds: number };

/**
 * One province at full scale: 11 cities, 90 counties, 6,500 schools, 390,000 teachers, a bureau
 * admin per city and county, an admin per school, an institution per city. Admin accounts share
 * one scrypt hash of the demo password (hashing 6,600 passwords would take minutes for nothing).
 */
export async function seedProvince(
  db: Db,
  opts: { schools?: number; teachersPerSchool?: number; onProgress?: (msg: string) => void } = {},
): Promise<ProvinceSeedResult> {
  const started = performance.now();
  const log = opts.onProgress ?? (() => {});
  const totalSchools = opts.schools ?? 6500;
  const perSchool = opts.teachersPerSchool ?? 60;
  const r = rng(33_0000);
  const counties = REGIONS.filter((x) => x.level === 'county');
  const base = Math.floor(totalSchools / counties.length);
  const extra = totalSchools - base * counties.length;

  const schoolList = [];
  for (let i = 0; i < counties.length; i++) {
    const county = counties[i];
    if (!county) continue;
    const n = base + (i < extra ? 1 : 0);
    schoolList.push(...(await seedSchools(db, { counties: [county], schoolsPerCounty: n, teachersPerSchool: perSchool, seed: i }, r)));
  }
  log(`schools: ${schoolList.length}`);

  const teachers = await seedTeachers(db, schoolList, perSchool, r, 2026, (done) => log(`teachers: ${done}`));

  const hash = await hashPassword(DEMO_PASSWORD);
  const cities = REGIONS.filter((x) => x.level === 'city');
  const inst = await db
    .insert(institutions)
    .values([
      { name: '浙江省教师培训中心', level: 'province' as const, regionCode: PROVINCE.code, cityCode: null, contactName: '周明', contactMobile: '13700000011' },
      ...cities.map((c, i) => ({
        name: `${c.name}教师发展中心`,
        level: 'city' as const,
        regionCode: c.code,
        cityCode: c.code,
        contactName: '联系人',
        contactMobile: `1370000${String(100 + i).padStart(4, '0')}`,
      })),
    ])
    .returning({ id: institutions.id, regionCode: institutions.regionCode });
  await db
    .insert(institutionRegions)
    .values(
      inst.flatMap((i) =>
        i.regionCode === PROVINCE.code ? cities.map((c) => ({ institutionId: i.id, regionCode: c.code })) : [{ institutionId: i.id, regionCode: i.regionCode }],
      ),
    );

  type AdminSeed = {
    username: string;
    realName: string;
    role: 'province_admin' | 'bureau_admin' | 'institution_admin' | 'school_admin';
    unit: Partial<typeof accountRoles.$inferInsert>;
  };
  const admins: AdminSeed[] = [
    { username: 'province', realName: '省级管理员', role: 'province_admin', unit: { regionCode: PROVINCE.code } },
    ...REGIONS.filter((x) => x.level !== 'province').map((x) => ({
      username: `${x.level}_${x.code}`,
      realName: `${x.name}管理员`,
      role: 'bureau_admin' as const,
      unit: { regionCode: x.code },
    })),
    ...inst.map((i) => ({ username: `inst_${i.id}`, realName: '机构管理员', role: 'institution_admin' as const, unit: { institutionId: i.id } })),
    ...schoolList.map((s) => ({ username: `school_${s.id}`, realName: '学校管理员', role: 'school_admin' as const, unit: { schoolId: s.id } })),
  ];
  await insertChunked(admins, 3000, async (chunk) => {
    const ids = await db
      .insert(accounts)
      .values(
        chunk.map((a, k) => ({
          username: a.username,
          realName: a.realName,
          mobile: `136${String(admins.indexOf(chunk[0] as AdminSeed) + k).padStart(8, '0')}`,
          passwordHash: hash,
          mustChangePassword: false,
        })),
      )
      .returning({ id: accounts.id });
    await db.insert(accountRoles).values(ids.map((a, k) => ({ accountId: a.id, role: (chunk[k] as AdminSeed).role, ...(chunk[k] as AdminSeed).unit })));
  });
  await db.execute(sql`analyze`);
  return { schools: schoolList.length, teachers, admins: admins.length, seconds: (performance.now() - started) / 1000 };
}
