import type { EnumRef } from '@pothos/core';
import type { Context } from '../context.js';
import { JOB_STATUSES, STRUCT_DETAIL_TYPES } from '../drs/types.js';
import { builder } from './builder.js';

/** Internal value of every DRS enum's `UNKNOWN`: a wire value this gateway does not know yet. */
export const UNKNOWN = '\u0000unknown';
const warned = new Set<string>();

export interface DrsEnum {
  ref: EnumRef<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never, string, string>;
  /** Wire value → enum internal value; unknown values become `UNKNOWN` (logged once), absent ones null. */
  normalize(raw: string | undefined | null, ctx?: Pick<Context, 'logger' | 'requestId'>): string | null;
}

/**
 * A GraphQL enum over DRS wire values. DRS adds values without notice, so each enum has `UNKNOWN`:
 * an unknown value never fails the query, and the field's `…Raw` sibling carries the wire string.
 */
function drsEnum(name: string, description: string, wire: readonly string[]): DrsEnum {
  const canonical = new Map(wire.map((value) => [value.toLowerCase(), value]));
  const values: Record<string, { value: string; description?: string }> = {};
  for (const value of wire) values[graphqlName(value)] = { value };
  values.UNKNOWN = {
    value: UNKNOWN,
    description: `A value DRS sent that this gateway does not know; see the \`…Raw\` field.`,
  };
  return {
    ref: builder.enumType(name, { description, values }),
    normalize(raw, ctx) {
      if (raw === undefined || raw === null || raw === '') return null;
      const known = canonical.get(raw.toLowerCase());
      if (known !== undefined) return known;
      if (ctx && !warned.has(`${name}:${raw}`)) {
        warned.add(`${name}:${raw}`);
        ctx.logger.warn(
          { enum: name, value: raw, requestId: ctx.requestId },
          'unknown DRS enum value surfaced as UNKNOWN',
        );
      }
      return UNKNOWN;
    },
  };
}

/** `cloudDataGuard` → `CLOUD_DATA_GUARD`, `non-dbs` → `NON_DBS`, `PGBaseBackup` → `PG_BASE_BACKUP`. */
export function graphqlName(wire: string): string {
  return wire
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export const JobStatus = drsEnum(
  'JobStatus',
  'Lifecycle status of a DRS job (`status`, `transfer_status`).',
  JOB_STATUSES,
);
export const TaskMode = drsEnum('TaskMode', 'Full, incremental, or full + incremental transfer.', [
  'FULL_TRANS',
  'INCR_TRANS',
  'FULL_INCR_TRANS',
]);
export const DbUseType = drsEnum('DbUseType', 'Migration, synchronization or disaster recovery.', [
  'migration',
  'sync',
  'cloudDataGuard',
]);
export const JobDirection = drsEnum('JobDirection', 'Into the cloud (`UP`), out of it (`DOWN`), or self-built.', [
  'up',
  'down',
  'non-dbs',
]);
export const NetType = drsEnum('NetType', 'How the replication instance reaches the source.', ['vpn', 'vpc', 'eip']);
export const DbType = drsEnum('DbType', 'Database engine of an endpoint.', [
  'mysql',
  'mongodb',
  'gaussdbv5',
  'postgresql',
  'kafka',
  'gaussdbv5ha',
  'taurus',
]);
export const EngineType = drsEnum('EngineType', 'Replication engine of a job.', [
  'mysql',
  'mongodb',
  'cloudDataGuard-mysql',
  'gaussdbv5',
  'postgresql',
  'mysql-to-kafka',
  'taurus-to-kafka',
  'gaussdbv5ha-to-kafka',
  'mysql-to-taurus',
]);
export const ConflictPolicy = drsEnum('ConflictPolicy', 'What DRS does on a data conflict.', [
  'stop',
  'overwrite',
  'ignore',
]);
export const SchemaType = drsEnum('SchemaType', 'How DRS reads the source.', [
  'Replication',
  'Tungsten',
  'PGBaseBackup',
]);
export const InstanceStatus = drsEnum('InstanceStatus', 'State of the replication instance.', ['active', 'deleted']);
export const ProgressPhaseName = drsEnum('ProgressPhaseName', 'A phase of the full transfer.', [
  'struct',
  'data',
  'index',
]);

/** Object types of batch-struct-detail; an input, so it has no `UNKNOWN`. */
export const StructObjectType = builder.enumType('StructObjectType', {
  description: 'Kind of object whose initialization details are listed.',
  values: Object.fromEntries(STRUCT_DETAIL_TYPES.map((type) => [graphqlName(type), { value: type }])),
});
