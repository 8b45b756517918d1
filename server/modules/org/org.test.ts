import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../test/helpers.js';

let t: TestCtx;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newSchool = (over: Record<string, unknown> = {}) => ({
  code: `T${Math.floor(Math.random() * 1e8)}`,
  name: '杭州市西湖区文澜实验学校',
  stageType: 'nine_year',
  sealName: '杭州市西湖区文澜实验学校',
  town: '文新街道',
  nature: 'public',
  principalName: '韩梅',
  principalMobile: '13812345678',
  countyCode: '330106',
  ...over,
});

async function allSchools(c: Awaited<ReturnType<TestCtx['login']>>) {
  const res = await c.get('/api/schools?pageSize=100');
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { id: number; countyCode: string; cityCode: string; principalMobile: string }[]; total: number };
}

describe('ORG-1 region tree', () => {
  it('loads Zhejiang with 11 cities and 90 counties for the province', async () => {
    const tree = (await (await t.login('province')).get('/api/regions')).json();
    expect(tree.name).toBe('浙江省');
    expect(tree.children).toHaveLength(11);
    expect(tree.children.reduce((n: number, c: { children: unknown[] }) => n + c.children.length, 0)).toBe(90);
    expect(tree.schoolCount).toBe(30);
  });

  it('prunes the tree to the bureau scope', async () => {
    const tree = (await (await t.login('xihu')).get('/api/regions')).json();
    expect(tree.children).toHaveLength(1);
    expect(tree.children[0].children.map((c: { name: string }) => c.name)).toEqual(['西湖区']);
    const city = (await (await t.login('hangzhou')).get('/api/regions')).json();
    expect(city.children.map((c: { name: string }) => c.name)).toEqual(['杭州市']);
    expect(city.children[0].children).toHaveLength(13);
  });

  it('is not for teachers', async () => {
    expect((await (await t.login('teacher')).get('/api/regions')).statusCode).toBe(403);
  });
});

describe('ORG-2 schools, scoped in SQL', () => {
  it('shows a county admin only its county, a city admin its city, a school admin its school', async () => {
    const county = await allSchools(await t.login('xihu'));
    expect(county.total).toBe(6);
    expect(new Set(county.items.map((s) => s.countyCode))).toEqual(new Set(['330106']));
    const city = await allSchools(await t.login('hangzhou'));
    expect(city.total).toBe(18);
    expect(new Set(city.items.map((s) => s.cityCode))).toEqual(new Set(['330100']));
    const school = await allSchools(await t.login('school'));
    expect(school.total).toBe(1);
    expect(school.items[0]?.principalMobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('paginates with the one page shape and filters', async () => {
    const c = await t.login('province');
    const page2 = (await c.get('/api/schools?page=2&pageSize=7')).json();
    expect(page2).toMatchObject({ total: 30, page: 2, pageSize: 7 });
    expect(page2.items).toHaveLength(7);
    const past = (await c.get('/api/schools?page=9&pageSize=7')).json();
    expect(past).toMatchObject({ items: [], total: 30 });
    const kg = (await c.get('/api/schools?stageType=kindergarten')).json();
    expect(kg.items.every((s: { stageType: string }) => s.stageType === 'kindergarten')).toBe(true);
    const byName = (await c.get(`/api/schools?q=${encodeURIComponent('鄞州区')}`)).json();
    expect(byName.total).toBe(6);
    const bad = await c.get('/api/schools?pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.pageSize).toBe('每页条数：不能大于 100');
  });

  it('hides a school of another county as if it did not exist', async () => {
    const [other] = await t.db.select().from(schools).where(eq(schools.countyCode, '330212')).limit(1);
    const res = await (await t.login('xihu')).get(`/api/schools/${other?.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('学校不存在或不在您的管理范围内');
  });

  it('lets a bureau create a school inside its scope with all seven fields', async () => {
    const c = await t.login('xihu');
    const res = await c.post('/api/schools', newSchool());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ countyName: '西湖区', cityName: '杭州市', principalMobile: '138****5678' });
  });

  it('refuses a school outside the bureau scope, missing fields, bad values and duplicates', async () => {
    const c = await t.login('xihu');
    const outside = await c.post('/api/schools', newSchool({ countyCode: '330110' }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'OUT_OF_SCOPE', fields: { countyCode: '所属区县：超出您的管理范围' } });

    const { sealName: _omit, ...noSeal } = newSchool();
    const missing = await c.post('/api/schools', noSeal);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual({ sealName: '学校公章名：必填' });

    const bad = await c.post('/api/schools', newSchool({ nature: 'mixed', principalMobile: '0571-8888' }));
    expect(Object.keys(bad.json().fields).sort()).toEqual(['nature', 'principalMobile']);

    const city = await c.post('/api/schools', newSchool({ countyCode: '330100' }));
    expect(city.json().fields).toEqual({ countyCode: '所属区县：必须选择区县' });

    const body = newSchool();
    expect((await c.post('/api/schools', body)).statusCode).toBe(200);
    const dup = await c.post('/api/schools', { ...body, name: '另一所学校' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields.code).toBe('学校代码：已被使用');
  });

  it('writes nothing when a create is refused', async () => {
    const before = (await allSchools(await t.login('province'))).total;
    await (await t.login('xihu')).post('/api/schools', newSchool({ countyCode: '330110' }));
    await (await t.login('school')).post('/api/schools', newSchool());
    expect((await allSchools(await t.login('province'))).total).toBe(before);
  });

  it('lets a school admin edit its own school but not move it or edit another', async () => {
    const c = await t.login('school');
    const own = (await allSchools(c)).items[0];
    const res = await c.patch(`/api/schools/${own?.id}`, { town: '西溪街道', principalName: '钱学森' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ town: '西溪街道', principalName: '钱学森', abilities: { update: true, move: false } });
    expect((await c.patch(`/api/schools/${own?.id}`, { countyCode: '330102' })).statusCode).toBe(403);
    const [other] = await t.db.select().from(schools).where(eq(schools.countyCode, '330106')).offset(1).limit(1);
    expect((await c.patch(`/api/schools/${other?.id}`, { town: 'x' })).statusCode).toBe(404);
    expect((await c.patch(`/api/schools/${own?.id}`, { town: '' })).json().fields).toEqual({ town: '所在镇街：必填' });
  });

  it('lets a city bureau move a school between its counties but not out of the city', async () => {
    const c = await t.login('hangzhou');
    const created = (await c.post('/api/schools', newSchool({ countyCode: '330102' }))).json();
    const moved = await c.patch(`/api/schools/${created.id}`, { countyCode: '330110' });
    expect(moved.json().countyName).toBe('余杭区');
    expect((await c.patch(`/api/schools/${created.id}`, { countyCode: '330212' })).statusCode).toBe(403);
  });

  it('refuses teachers and institutions', async () => {
    expect((await (await t.login('teacher')).get('/api/schools')).statusCode).toBe(403);
    expect((await (await t.login('peixun')).post('/api/schools', newSchool())).statusCode).toBe(403);
  });
});

describe('ORG-3 institutions', () => {
  const inst = (over: Record<string, unknown> = {}) => ({
    name: `宁波市鄞州区教师发展中心${Math.floor(Math.random() * 1e6)}`,
    level: 'county',
    regionCode: '330212',
    contactName: '孙丽',
    contactMobile: '13600000001',
    regionCodes: ['330212'],
    ...over,
  });

  it('lets only the province create institutions and set authorised regions', async () => {
    const p = await t.login('province');
    const res = await p.post('/api/institutions', inst());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ regionName: '鄞州区', regionCodes: ['330212'], abilities: { update: true, authorise: true } });
    expect((await (await t.login('hangzhou')).post('/api/institutions', inst())).statusCode).toBe(403);
    const badRegion = await p.post('/api/institutions', inst({ regionCodes: ['999999'] }));
    expect(badRegion.json().fields).toEqual({ regionCodes: '授权培训地区：格式不正确' });
  });

  it('shows bureaus the institutions based in or authorised for their region', async () => {
    const county = (await (await t.login('xihu')).get('/api/institutions')).json();
    expect(county.items.map((i: { name: string }) => i.name).sort()).toEqual(['杭州市西湖区教师进修学校', '浙江省教师培训中心'].sort());
    const yuhang = (await (await t.login('yuhang')).get('/api/institutions')).json();
    expect(yuhang.items.map((i: { name: string }) => i.name)).toEqual(['浙江省教师培训中心']);
  });

  it('lets an institution admin edit its contact but not its authorised regions', async () => {
    const c = await t.login('jinxiu');
    const own = (await c.get('/api/institutions')).json().items;
    expect(own).toHaveLength(1);
    const id = own[0].id;
    expect((await c.patch(`/api/institutions/${id}`, { contactName: '林晓静' })).json().contactName).toBe('林晓静');
    const refused = await c.patch(`/api/institutions/${id}`, { regionCodes: ['330100'] });
    expect(refused.statusCode).toBe(403);
    const others = (await (await t.login('province')).get('/api/institutions')).json().items.filter((i: { id: number }) => i.id !== id);
    expect((await c.patch(`/api/institutions/${others[0].id}`, { contactName: 'x' })).statusCode).toBe(404);
  });
});
