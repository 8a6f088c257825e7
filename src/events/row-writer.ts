import type { EntityMetadata } from '@mikro-orm/core';
import type { PoolClient } from 'pg';

/**
 * Writes event rows with one short statement per table, whatever the count:
 *
 *   insert into search_event (query, session_uuid, result_count)
 *   select * from unnest($1::text[], $2::uuid[], $3::int[])
 *
 * Each column travels as one array, so PostgreSQL parses a few dozen bytes
 * instead of a VALUES list a thousand rows long, and no batch nears the
 * 65,535-parameter limit. The statement is deliberately not a named prepared
 * one: PGlite keeps one session behind every socket connection, so a name
 * prepared by a connection that died is still taken when the pool reconnects.
 */

export interface TableTarget {
  readonly table: string;
  readonly columns: readonly string[];
  /** Database types of the columns, for the array casts. */
  readonly types: readonly string[];
}

export type Row = readonly unknown[];

export function tableTarget(meta: EntityMetadata, properties: readonly string[]): TableTarget {
  const columns = properties.map((name) => meta.properties[name]);
  return {
    table: meta.tableName,
    columns: columns.map((property) => property.fieldNames[0]),
    types: columns.map((property) => property.columnTypes[0]),
  };
}

export function insertStatement(target: TableTarget): string {
  const arrays = target.types.map((type, index) => `$${index + 1}::${type}[]`);
  return (
    `insert into ${target.table} (${target.columns.join(', ')}) ` +
    `select * from unnest(${arrays.join(', ')})`
  );
}

/** Rows turned into one array per column. */
function columnArrays(target: TableTarget, rows: readonly Row[]): unknown[][] {
  return target.columns.map((_, column) => rows.map((row) => row[column]));
}

export async function insertRows(
  client: PoolClient,
  target: TableTarget,
  rows: readonly Row[],
): Promise<void> {
  await client.query(insertStatement(target), columnArrays(target, rows));
}
