import regionsFile from '../../db/data/zhejiang-regions.json' with { type: 'json' };

export type RegionLevel = 'province' | 'city' | 'county';
export type Region = { code: string; name: string; level: RegionLevel; parentCode: string | null; cityCode: string | null; sort: number };

type RegionsFile = { code: string; name: string; cities: { code: string; name: string; counties: [string, string][] }[] };

/**
 * The region tree is reference data (ORG-1) read from the GB/T 2260 file shipped with the code;
 * the same rows are written to the `regions` table at start for joins and foreign keys.
 */
function buildRegions(file: RegionsFile): Region[] {
  const out: Region[] = [{ code: file.code, name: file.name, level: 'province', parentCode: null, cityCode: null, sort: 0 }];
  file.cities.forEach((c, ci) => {
    out.push({ code: c.code, name: c.name, level: 'city', parentCode: file.code, cityCode: c.code, sort: ci });
    c.counties.forEach(([code, name], i) => {
      out.push({ code, name, level: 'county', parentCode: c.code, cityCode: c.code, sort: i });
    });
  });
  return out;
}

export const REGIONS: readonly Region[] = buildRegions(regionsFile as unknown as RegionsFile);
const byCode = new Map(REGIONS.map((r) => [r.code, r]));
export const PROVINCE = REGIONS[0] as Region;

export function findRegion(code: string | null | undefined): Region | undefined {
  return code ? byCode.get(code) : undefined;
}
