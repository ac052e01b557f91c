import type { EnumRef } from '@pothos/core';
import type { Context } from '../context.js';
import { STRUCT_DETAIL_TYPES } from '../drs/types.js';
import { builder } from './builder.js';
import { JOB_STATUS_DOCS, STRUCT_TYPE_DOCS } from './enum-docs.js';

/** Internal value of every DRS enum's `UNKNOWN`: a wire value this gateway does not know yet. */
export const UNKNOWN = '\u0000unknown';
const warned = new Set<string>();

export interface DrsEnum {
  ref: EnumRef<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never, string, string>;
  /** Wire value → enum internal value; unknown values become `UNKNOWN` (logged once), absent ones null. */
  normalize(raw: string | undefined | null, ctx?: Pick<Context, 'logger' | 'requestId'>): string | null;
}

/**
 * A GraphQL enum over DRS wire values, each described by `docs` (keyed by wire value). DRS adds
 * values without notice, so each enum has `UNKNOWN`: an unknown value never fails the query, and the
 * field's `…Raw` sibling carries the wire string.
 */
function drsEnum(name: string, description: string, docs: Readonly<Record<string, string>>): DrsEnum {
  const canonical = new Map(Object.keys(docs).map((value) => [value.toLowerCase(), value]));
  const values: Record<string, { value: string; description: string }> = {};
  for (const [value, doc] of Object.entries(docs)) values[graphqlName(value)] = { value, description: doc };
  values.UNKNOWN = {
    value: UNKNOWN,
    description: 'A value DRS sent that this gateway does not know yet; the `…Raw` sibling field carries it.',
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
  'Lifecycle status of a DRS job: batch-detail `status`, batch-progress `transfer_status` and the v5 ' +
    '`status` share these values (REFERENCE §8.1).',
  JOB_STATUS_DOCS,
);
export const TaskMode = drsEnum(
  'TaskMode',
  'What a job transfers (`task_type`, `task_mode`): the existing data, the changes after it, or both.',
  {
    FULL_TRANS: 'Full transfer only: the data as it is when the job starts.',
    INCR_TRANS: 'Incremental transfer only: changes from the start position on.',
    FULL_INCR_TRANS: 'Full, then incremental transfer (the only mode of single-primary DR).',
  },
);
export const DbUseType = drsEnum('DbUseType', 'Scenario of a job (`db_use_type`, v5 `job_type`).', {
  migration: 'Real-time migration (`migration`).',
  sync: 'Real-time synchronization (`sync`).',
  cloudDataGuard: 'Real-time disaster recovery (`cloudDataGuard`).',
});
export const JobDirection = drsEnum('JobDirection', 'Direction of a job relative to Huawei Cloud (`job_direction`).', {
  up: 'Into the cloud (`up`); in DR, this cloud is the standby.',
  down: 'Out of the cloud (`down`); in DR, this cloud is the primary.',
  'non-dbs': 'Between self-built databases (`non-dbs`).',
});
export const NetType = drsEnum('NetType', 'How the replication instance reaches the source (`net_type`).', {
  vpn: 'VPN or Direct Connect (`vpn`).',
  vpc: 'The same VPC (`vpc`).',
  eip: 'A public network, through an EIP (`eip`).',
});
export const DbType = drsEnum('DbType', 'Database engine of a v3 endpoint (`db_type`).', {
  mysql: 'MySQL (`mysql`).',
  mongodb: 'MongoDB or DDS (`mongodb`).',
  gaussdbv5: 'GaussDB distributed (`gaussdbv5`).',
  postgresql: 'PostgreSQL (`postgresql`).',
  kafka: 'Kafka (`kafka`), as a message-queue target.',
  gaussdbv5ha: 'GaussDB primary/standby (`gaussdbv5ha`).',
  taurus: 'TaurusDB (`taurus`).',
});
export const EngineType = drsEnum('EngineType', 'Replication engine of a job (`inst_info.engine_type`).', {
  mysql: 'MySQL to MySQL (`mysql`).',
  mongodb: 'MongoDB to DDS (`mongodb`).',
  'cloudDataGuard-mysql': 'MySQL disaster recovery (`cloudDataGuard-mysql`).',
  gaussdbv5: 'GaussDB to GaussDB (`gaussdbv5`).',
  postgresql: 'PostgreSQL to PostgreSQL (`postgresql`).',
  'mysql-to-kafka': 'MySQL to Kafka (`mysql-to-kafka`).',
  'taurus-to-kafka': 'TaurusDB to Kafka (`taurus-to-kafka`).',
  'gaussdbv5ha-to-kafka': 'GaussDB primary/standby to Kafka (`gaussdbv5ha-to-kafka`).',
  'mysql-to-taurus': 'MySQL to TaurusDB (`mysql-to-taurus`; listed by OTC only).',
});
export const ConflictPolicy = drsEnum(
  'ConflictPolicy',
  'What DRS does when incremental data conflicts with the target (`conflict_policy`).',
  {
    stop: 'Stop the job with an error (`stop`).',
    overwrite: 'Overwrite the target row (`overwrite`).',
    ignore: 'Keep the target row and skip the change (`ignore`).',
  },
);
export const SchemaType = drsEnum('SchemaType', 'How DRS reads the source (`schema_type`).', {
  Replication: 'Primary/standby replication (`Replication`).',
  Tungsten: 'Log parsing (`Tungsten`).',
  PGBaseBackup: 'PostgreSQL base backup (`PGBaseBackup`).',
});
export const InstanceStatus = drsEnum(
  'InstanceStatus',
  'State of the replication instance (`inst_info.status`; DRS also sends it upper-case).',
  { active: 'The instance exists (`active`).', deleted: 'The instance has been deleted (`deleted`).' },
);
export const ProgressPhaseName = drsEnum('ProgressPhaseName', 'A phase of the full transfer (`progress_map` key).', {
  struct: 'Object structures (`struct`).',
  data: 'Table data (`data`).',
  index: 'Indexes (`index`).',
});

/** Object types of batch-struct-detail; an input, so it has no `UNKNOWN`. */
export const StructObjectType = builder.enumType('StructObjectType', {
  description:
    'Kind of object whose initialization details are listed: the `{type}` of ' +
    '`POST /v3/{project_id}/jobs/{type}/batch-struct-detail`.',
  values: Object.fromEntries(
    STRUCT_DETAIL_TYPES.map((type) => [graphqlName(type), { value: type, description: STRUCT_TYPE_DOCS[type] }]),
  ),
});
