import { useQuery } from '@tanstack/react-query';
import type { RegionNode } from '../../../common/schemas/org.js';
import { api } from '../api/client.js';
import { useMe } from '../api/session.js';

/** The region tree (ORG-1), already cut to the actor's scope by the server; fetched only by identities that may view it. */
export function useRegions() {
  const { data: me } = useMe();
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get<RegionNode>('/api/regions'),
    staleTime: 10 * 60_000,
    enabled: !!me?.abilities.includes('regions.view'),
  });
}

export function flattenRegions(root: RegionNode | undefined): RegionNode[] {
  if (!root) return [];
  const out: RegionNode[] = [];
  const walk = (n: RegionNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  walk(root);
  return out;
}

export type RegionTreeOption = { title: string; value: string; selectable?: boolean; children: RegionTreeOption[] };

/** Tree data for antd TreeSelect; `selectable` decides which levels may be picked. */
export function regionTreeData(root: RegionNode | undefined, selectable: (n: RegionNode) => boolean = () => true): RegionTreeOption[] {
  if (!root) return [];
  const map = (n: RegionNode): RegionTreeOption => ({
    title: n.name,
    value: n.code,
    selectable: selectable(n),
    children: n.children.map(map),
  });
  return [map(root)];
}
