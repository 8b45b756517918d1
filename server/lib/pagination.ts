import type { Page } from '../../common/schemas/common.js';

export type PageQuery = { page: number; pageSize: number };

export function pageOffset(q: PageQuery): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

/**
 * Builds the one pagination shape from rows fetched with `count(*) over ()` as `total`, so a list
 * costs one round trip (a page past the end reports a total of 0).
 */
export function toPage<R extends { total: number }, T>(rows: R[], q: PageQuery, present: (r: R) => T): Page<T> {
  return {
    items: rows.map(present),
    total: rows.length > 0 ? Number(rows[0]?.total) : 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
