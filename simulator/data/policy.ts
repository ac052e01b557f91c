import type { QueryJobResp } from '../../src/drs/types.js';
import type { JobCore } from './core.js';
import type { Rng } from './rng.js';

export type Direction = 'up' | 'down' | 'non-dbs';

/** Fields that only make sense for some engines or use types (MySQL options, sync policy, DR). */
export function policyFields(core: JobCore, direction: Direction, rng: Rng): Partial<QueryJobResp> {
  const fields: Partial<QueryJobResp> = {};
  const mysqlish = core.scenario.source === 'mysql' || core.scenario.source === 'taurus';
  if (mysqlish) {
    Object.assign(fields, {
      schema_type: core.dbUseType === 'cloudDataGuard' ? 'Replication' : 'Tungsten',
      replace_definer: rng.chance(0.8),
      migrate_user: rng.chance(0.2),
      is_open_fast_clean: rng.chance(0.3),
    });
    if (core.taskType === 'INCR_TRANS') {
      fields.incre_start_position = `mysql-bin.${String(rng.int(1, 999)).padStart(6, '0')}:${rng.int(4, 99_999)}`;
    }
    if (core.phase === 'incre' && rng.chance(0.4))
      fields.gtid = `${rng.uuid().toUpperCase()}:1-${rng.int(100, 9_999_999)}`;
  } else if (core.scenario.source === 'postgresql') {
    fields.schema_type = 'PGBaseBackup';
  }
  if (core.dbUseType === 'sync') {
    Object.assign(fields, {
      conflict_policy: rng.pick(['ignore', 'overwrite', 'stop']),
      filter_ddl_policy: rng.pick(['', '', 'drop_database']),
      sync_database: rng.chance(0.3),
    });
  }
  if (core.dbUseType === 'cloudDataGuard') {
    Object.assign(fields, { multi_write: rng.chance(0.2), job_kernel_direction: direction === 'down' ? 'down' : 'up' });
  }
  return fields;
}
