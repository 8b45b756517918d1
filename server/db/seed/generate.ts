import { sql } from 'drizzle-orm';
import { makeIdNumber } from '../../../common/id-card.js';
import type { SchoolStageType } from '../../../common/roles.js';
import { makeShixunNo } from '../../../common/shixun-no.js';
import type { Post, Subject, TeacherStage, Title } from '../../../common/teachers.js';
import { REGIONS, type Region } from '../../modules/org/regions.js';
import type { Tx } from '../client.js';
import { accountRoles, accounts, schools, teachers } from '../schema.js';

/** Small deterministic PRNG (mulberry32) so demo data is the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉晶婷雪梅琳斌宇浩凯健俊帆帅旭宁颖佳欣怡悦晨曦睿哲思远博文瑞嘉子涵雨轩一诺梓萱浩然宇航欣妍晓东海燕春燕志强建华国庆文静丹丹';

export function chineseName(r: Rng): string {
  const surname = r.pick([...SURNAMES]);
  const chars = [...GIVEN];
  return r.next() < 0.35 ? surname + r.pick(chars) : surname + r.pick(chars) + r.pick(chars);
}

const SCHOOL_KINDS: { suffix: string; stage: SchoolStageType }[] = [
  { suffix: '实验小学', stage: 'primary' },
  { suffix: '第一小学', stage: 'primary' },
  { suffix: '中心小学', stage: 'primary' },
  { suffix: '第二中学', stage: 'junior' },
  { suffix: '实验中学', stage: 'complete_secondary' },
  { suffix: '高级中学', stage: 'senior' },
  { suffix: '外国语学校', stage: 'nine_year' },
  { suffix: '幼儿园', stage: 'kindergarten' },
  { suffix: '职业高级中学', stage: 'vocational' },
  { suffix: '特殊教育学校', stage: 'special' },
];
const TOWNS = ['城关街道', '文新街道', '翠苑街道', '古荡街道', '北山街道', '西溪街道', '东新街道', '南星街道', '新城街道', '滨江街道', '塘栖镇', '良渚街道'];
const PLACE_WORDS = [
  '求是',
  '文澜',
  '明德',
  '崇文',
  '启正',
  '育才',
  '春晖',
  '育英',
  '行知',
  '博雅',
  '致远',
  '清河',
  '钱江',
  '天目',
  '西溪',
  '东湖',
  '南屏',
  '北辰',
  '紫金',
  '青蓝',
];

const SUBJECT_POOL: Subject[] = [
  'chinese',
  'chinese',
  'math',
  'math',
  'english',
  'science',
  'physics',
  'chemistry',
  'history',
  'music',
  'pe',
  'art',
  'it',
  'politics',
];
const TITLE_POOL: Title[] = ['senior', 'first', 'first', 'second', 'second', 'third', 'none'];
const POST_POOL: Post[] = ['teacher', 'teacher', 'teacher', 'head_teacher', 'researcher', 'management'];

/** The stage a teacher of a school type teaches (mixed schools pick one). */
function stageOf(stageType: string, r: Rng): TeacherStage {
  switch (stageType) {
    case 'kindergarten':
    case 'primary':
    case 'junior':
    case 'senior':
    case 'vocational':
    case 'special':
      return stageType;
    case 'nine_year':
      return r.pick(['primary', 'junior'] as const);
    default:
      return r.pick(['junior', 'senior'] as const);
  }
}

export type SeedScale = { counties: Region[]; schoolsPerCounty: number; teachersPerSchool: number; seed: number };

export type SeededSchool = { id: number; name: string; countyCode: string; cityCode: string; stageType: string };

let mobileCounter = 0;
/** Unique, plausible mobile numbers (139xxxxxxxx range reserved for seeded teachers). */
export function nextMobile(prefix = '139'): string {
  mobileCounter += 1;
  return `${prefix}${String(mobileCounter).padStart(8, '0')}`;
}

/** Inserts rows in chunks that stay under PostgreSQL's 65,535 parameters per statement. */
export async function insertChunked<T>(rows: T[], perChunk: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += perChunk) await insert(rows.slice(i, i + perChunk));
}

export async function seedSchools(tx: Tx, scale: SeedScale, r: Rng): Promise<SeededSchool[]> {
  const values: (typeof schools.$inferInsert)[] = [];
  let _n = 0;
  for (const county of scale.counties) {
    for (let i = 0; i < scale.schoolsPerCounty; i++) {
      _n += 1;
      const kind = SCHOOL_KINDS[i % SCHOOL_KINDS.length] as (typeof SCHOOL_KINDS)[number];
      const word = PLACE_WORDS[Math.floor(i / SCHOOL_KINDS.length) % PLACE_WORDS.length] as string;
      const round = Math.floor(i / (SCHOOL_KINDS.length * PLACE_WORDS.length));
      const cityName = REGIONS.find((x) => x.code === county.cityCode)?.name ?? '';
      const name = `${cityName}${county.name}${word}${round > 0 ? `第${round + 1}` : ''}${kind.suffix}`;
      values.push({
        code: `${county.code}${String(i + 1).padStart(4, '0')}`,
        name,
        stageType: kind.stage,
        sealName: name,
        town: r.pick(TOWNS),
        nature: r.next() < 0.85 ? 'public' : 'private',
        principalName: chineseName(r),
        principalMobile: nextMobile('138'),
        cityCode: county.cityCode as string,
        countyCode: county.code,
      });
    }
  }
  const out: SeededSchool[] = [];
  await insertChunked(values, 2000, async (chunk) => {
    const rows = await tx
      .insert(schools)
      .values(chunk)
      .returning({ id: schools.id, name: schools.name, countyCode: schools.countyCode, cityCode: schools.cityCode, stageType: schools.stageType });
    out.push(...rows);
  });
  return out;
}

/**
 * Teachers with valid ID numbers (born in the school's county), 师训号 from the database
 * sequence, and accounts whose initial password is the last six characters of the ID number.
 */
export async function seedTeachers(
  tx: Tx,
  schoolList: SeededSchool[],
  perSchool: number,
  r: Rng,
  year: number,
  onBatch?: (done: number) => void,
): Promise<number> {
  const total = schoolList.length * perSchool;
  const seqRows = await tx.execute<{ n: string }>(sql`select nextval('shixun_no_seq')::text as n from generate_series(1, ${total})`);
  const seqs = seqRows.rows.map((x) => Number(x.n));
  let k = 0;
  const batch = 4000;
  const usedIds = new Set<string>();
  for (let start = 0; start < schoolList.length; start += Math.max(1, Math.floor(batch / perSchool))) {
    const group = schoolList.slice(start, start + Math.max(1, Math.floor(batch / perSchool)));
    const acc: (typeof accounts.$inferInsert)[] = [];
    const meta: { schoolId: number; gender: 'M' | 'F'; birth: string; stage: TeacherStage; subject: Subject; title: Title; post: Post }[] = [];
    for (const school of group) {
      for (let i = 0; i < perSchool; i++) {
        const gender = r.next() < 0.7 ? 'F' : 'M';
        const birth = `${r.int(1968, 1999)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
        const seq = seqs[k] as number;
        k += 1;
        let idSeq = seq;
        let idNumber = makeIdNumber(school.countyCode, birth, idSeq, gender);
        while (usedIds.has(idNumber)) {
          idSeq += 2;
          idNumber = makeIdNumber(school.countyCode, birth, idSeq, gender);
        }
        usedIds.add(idNumber);
        acc.push({
          realName: chineseName(r),
          shixunNo: makeShixunNo('33', year, seq),
          idNumber,
          mobile: nextMobile('139'),
          passwordHash: null,
          mustChangePassword: true,
        });
        meta.push({
          schoolId: school.id,
          gender,
          birth,
          stage: stageOf(school.stageType, r),
          subject: r.pick(SUBJECT_POOL),
          title: r.pick(TITLE_POOL),
          post: r.pick(POST_POOL),
        });
      }
    }
    const ids = await tx.insert(accounts).values(acc).returning({ id: accounts.id });
    await tx.insert(accountRoles).values(ids.map((a, i) => ({ accountId: a.id, role: 'teacher' as const, schoolId: meta[i]?.schoolId })));
    await tx.insert(teachers).values(
      ids.map((a, i) => {
        const m = meta[i] as (typeof meta)[number];
        return {
          accountId: a.id,
          schoolId: m.schoolId,
          gender: m.gender,
          birthDate: m.birth,
          stage: m.stage,
          subjects: [m.subject],
          title: m.title,
          post: m.post,
        };
      }),
    );
    onBatch?.(k);
  }
  return total;
}
