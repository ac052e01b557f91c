import type { QueryJobResp, Tag } from '../../src/drs/types.js';
import type { JobDetailResp, JobProgressInfo, UserMigrationInfo } from '../v5/wire.js';
import type { LiveJob } from './live.js';
import { TAG_KEYS, TAG_VALUES } from './pools.js';
import { buildProgress } from './progress.js';
import type { Rng } from './rng.js';
import { fakeSecret } from './secrets.js';

/** Sections of a v5 JobDetailResp that are not endpoints. */

/** v5 uses `{key, value}` tags; v3's one-map-per-tag variant is unfolded. */
export function v5Tags(tags: Tag[] | undefined, rng: Rng): { key: string; value: string }[] {
  const source = tags ?? (rng.chance(0.5) ? [{ key: rng.pick(TAG_KEYS), value: rng.pick(TAG_VALUES) }] : []);
  return source.flatMap((t) =>
    'key' in t && typeof t.key === 'string'
      ? [{ key: t.key, value: String(t.value ?? '') }]
      : Object.entries(t).map(([key, value]) => ({ key, value: String(value) })),
  );
}

/** MySQL and Oracle jobs may migrate accounts; every password is a planted secret. */
export function userMigration(rng: Rng): UserMigrationInfo | undefined {
  if (!rng.chance(0.5)) return undefined;
  const unified = rng.chance(0.4);
  const users = Array.from({ length: rng.int(1, 3) }, (_, i) => ({
    id: String(i + 1),
    account: `'${rng.pick(['app_user', 'report', 'etl', 'readonly'])}${i}'@'%'`,
    is_set_password: true,
    password: fakeSecret('user_list.password', rng),
  }));
  const info: UserMigrationInfo = { is_migrate_user: true, is_set_password: unified };
  if (unified) info.password = fakeSecret('user_migration.password', rng);
  info.user_list = users;
  info.role_list = rng.chance(0.5) ? [{ role: 'dba_role' }] : [];
  return info;
}

export function alarmNotify(
  v3: QueryJobResp | undefined,
  region: string,
  projectId: string,
  rng: Rng,
): JobDetailResp['alarm_notify'] {
  const smn = v3?.alarm_notify;
  if (!smn && !rng.chance(0.3)) return undefined;
  return {
    alarm_to_user: true,
    topic_urn: `urn:smn:${region}:${projectId}:${smn?.topic_name ?? `drs_alarm_${rng.hex(6)}`}`,
    delay_time: smn?.delay_time ?? rng.pick([0, 60, 300]),
    rpo_delay: smn?.rpo_delay ?? 0,
    rto_delay: smn?.rto_delay ?? 0,
  };
}

export function nodeInfo(region: string, multiAz: boolean, rng: Rng): JobDetailResp['node_info'] {
  return {
    spec: { node_type: rng.weighted({ micro: 1, small: 2, medium: 4, high: 3 }) },
    vpc: { vpc_id: rng.uuid(), subnet_id: rng.uuid(), security_group_id: rng.uuid() },
    base_info: {
      instance_type: multiAz ? 'ha' : 'single',
      arch: rng.weighted({ x86: 4, arm: 1 }),
      availability_zone: multiAz ? `${region}a,${region}b` : `${region}a`,
      status: 'ACTIVE',
      role: 'master',
    },
  };
}

/** The v3 progress object in v5 spelling (`incr_` where v3 says `incre_`). */
export function progressInfo(job: LiveJob): JobProgressInfo {
  const p = buildProgress(job);
  const info: JobProgressInfo = {
    progress: p.progress,
    incr_trans_delay: p.incre_trans_delay,
    task_mode: p.task_mode,
    transfer_status: p.transfer_status,
    process_time: p.process_time,
    remaining_time: p.remaining_time,
  };
  if (p.incre_trans_delay_millis !== undefined) info.incr_trans_delay_millis = p.incre_trans_delay_millis;
  if (p.progress_map) info.progress_map = p.progress_map;
  return info;
}

/** ISO time without milliseconds, as the v5 example writes `create_time`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
