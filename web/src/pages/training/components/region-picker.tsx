import { useQuery } from '@tanstack/react-query';
import { Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../../../../common/schemas/org.js';
// The GB/T 2260 reference list the server seeds its regions from. An institution admin may not read
// /api/regions and its institution answers only the codes of its authorised regions, so the names
// and the counties under an authorised city come from here (see the report's API gaps).
import reference from '../../../../../server/db/data/zhejiang-regions.json';
import { api } from '../../../api/client.js';
import { activeRole, useCurrentMe } from '../../../api/session.js';

type Node = { title: string; value: string; children?: Node[] };

const cityNode = (c: (typeof reference.cities)[number]): Node => ({
  title: c.name,
  value: c.code,
  children: c.counties.map(([code, name]) => ({ title: name as string, value: code as string })),
});

/** The part of the province an institution may target: its authorised regions, cities with their counties. */
export function authorisedTree(codes: readonly string[]): Node[] {
  if (codes.includes(reference.code)) return [{ title: reference.name, value: reference.code, children: reference.cities.map(cityNode) }];
  const out: Node[] = [];
  for (const city of reference.cities) {
    if (codes.includes(city.code)) {
      out.push(cityNode(city));
      continue;
    }
    for (const [code, name] of city.counties) {
      if (codes.includes(code as string)) out.push({ title: `${city.name} ${name}`, value: code as string });
    }
  }
  return out;
}

/** The acting institution (its authorised regions). */
function useMyInstitution() {
  const me = useCurrentMe();
  const id = activeRole(me)?.institutionId ?? null;
  return useQuery({
    queryKey: ['/api/institutions', id],
    queryFn: () => api.get<Institution>(`/api/institutions/${id}`),
    enabled: id !== null,
    staleTime: 5 * 60_000,
  });
}

type Props = { value?: string[]; onChange?: (v: string[]) => void; testId?: string };

/**
 * 面向地区: cities and counties inside the institution's authorised regions. Ticking every county of
 * a city sends the city itself (so the project is routed to that city's bureau, PRJ-3).
 */
export function TargetRegionPicker({ value, onChange, testId }: Props) {
  const { t } = useTranslation();
  const { data, isLoading } = useMyInstitution();
  const tree = authorisedTree(data?.regionCodes ?? []);
  // The tree needs its data before it is given values (it warns about unknown keys otherwise).
  if (isLoading) return <Select loading disabled placeholder={t('common.loading')} />;
  return (
    <TreeSelect
      value={value}
      onChange={onChange}
      treeData={tree}
      multiple
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_PARENT}
      showSearch={{ treeNodeFilterProp: 'title' }}
      maxTagCount="responsive"
      placeholder={t('project.targetRegionsPlaceholder')}
      notFoundContent={t('project.noAuthorisedRegions')}
      data-testid={testId}
    />
  );
}
