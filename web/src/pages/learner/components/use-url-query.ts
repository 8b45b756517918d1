import { useSearchParams } from 'react-router-dom';

type Values = Record<string, string | number | boolean | null | undefined>;

/**
 * A page's filters and paging kept in its URL (like ListPage): `values` are the named parameters
 * present, `page`/`pageSize` the paging; `apply` replaces the filters (back to page 1), `setPage` pages.
 */
export function useUrlQuery(names: readonly string[], defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();
  const values: Record<string, string> = {};
  for (const n of names) {
    const v = params.get(n);
    if (v) values[n] = v;
  }
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? defaultPageSize) || defaultPageSize;

  const apply = (next: Values) => {
    const out = new URLSearchParams();
    // Parameters this hook does not own (e.g. a tab) stay.
    for (const [k, v] of params) if (!names.includes(k) && k !== 'page' && k !== 'pageSize') out.set(k, v);
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== null && v !== '' && v !== false) out.set(k, String(v));
    if (pageSize !== defaultPageSize) out.set('pageSize', String(pageSize));
    setParams(out);
  };
  const setPage = (p: number, ps: number = pageSize) => {
    const out = new URLSearchParams(params);
    out.set('page', String(ps !== pageSize ? 1 : p));
    if (ps !== defaultPageSize) out.set('pageSize', String(ps));
    else out.delete('pageSize');
    setParams(out);
  };
  return { values, page, pageSize, apply, setPage, params, setParams };
}
