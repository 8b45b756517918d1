import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Db } from '../db/client.js';

/**
 * Runs a named prepared statement with positional parameters and returns rows as arrays, straight
 * through the driver. Only for measured hot paths: here it ran at about 1.8× Drizzle's own prepared
 * statement (see docs/decisions.md); everything else goes through the typed query builder.
 */
export async function queryRows(db: Db, name: string, text: string, values: unknown[]): Promise<unknown[][]> {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (client instanceof PGlite) {
    const result = await client.query<unknown[]>(text, values, { rowMode: 'array' });
    return result.rows;
  }
  const result = await client.query<unknown[]>({ name, text, values, rowMode: 'array' });
  return result.rows;
}
