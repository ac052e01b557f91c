import type {
  DatabaseObjectInfo,
  PeriodOrderResp,
  QuerySmnInfoResp,
  SpeedLimitInfo,
  SubscriptionInfo,
  Tag,
} from '../../src/drs/types.js';
import { DATABASES, SMN_EMAILS, SMN_PHONES, TABLES, TAG_KEYS, TAG_VALUES } from './pools.js';
import type { Rng } from './rng.js';

/** Optional job sections: each returns undefined when the job should not carry it. */

/** Most jobs are unlimited (`[]`); some have night-time windows, as DRS only allows whole hours. */
export function speedLimits(rng: Rng): SpeedLimitInfo[] {
  if (!rng.chance(0.15)) return [];
  const begin = rng.int(0, 20);
  const hour = (h: number) => String(h).padStart(2, '0');
  const end = begin + rng.int(1, 3);
  return [
    { begin: `${hour(begin)}:00`, end: `${hour(end)}:59`, speed: String(rng.pick([10, 50, 100, 200])), is_utc: true },
  ];
}

/** Tags come as `{key, value}` items or, as in the spec example, one key → value map. */
export function tags(rng: Rng): Tag[] | undefined {
  const roll = rng.next();
  if (roll < 0.55) return undefined;
  if (roll < 0.6) return [];
  const keys = [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(TAG_KEYS)))];
  if (roll < 0.85) return keys.map((key) => ({ key, value: rng.pick(TAG_VALUES) }));
  return [Object.fromEntries(keys.map((key) => [key, rng.pick(TAG_VALUES)]))];
}

/** Selected objects in DRS's id style: `db` for a database, `db-*-*-table` for a table. */
export function objectInfos(rng: Rng): DatabaseObjectInfo[] {
  const out: DatabaseObjectInfo[] = [];
  const dbs = [...new Set(Array.from({ length: rng.int(1, 3) }, () => rng.pick(DATABASES)))];
  for (const db of dbs) {
    out.push({ id: db, type: 'database', name: db, select: 'true' });
    const tables = [...new Set(Array.from({ length: rng.int(0, 4) }, () => rng.pick(TABLES)))];
    for (const table of tables) {
      const info: DatabaseObjectInfo = {
        id: `${db}-*-*-${table}`,
        type: 'table',
        name: table,
        select: 'true',
        parent_id: db,
      };
      if (rng.chance(0.1)) info.alias_name = `${table}_new`;
      out.push(info);
    }
  }
  return out;
}

export function alarmNotify(rng: Rng): QuerySmnInfoResp | undefined {
  if (!rng.chance(0.4)) return undefined;
  const subscriptions: SubscriptionInfo[] = [{ endpoints: [rng.pick(SMN_EMAILS)], protocol: 'email' }];
  if (rng.chance(0.5)) subscriptions.push({ endpoints: [rng.pick(SMN_PHONES)], protocol: 'sms' });
  return {
    subscriptions,
    topic_name: `drs_alarm_${rng.hex(6)}`,
    delay_time: rng.pick([0, 60, 300]),
    rto_delay: rng.pick([0, 60, 600]),
    rpo_delay: rng.pick([0, 60, 600]),
    alarm_to_user: true,
  };
}

export function periodOrder(rng: Rng, createTime: number): PeriodOrderResp | undefined {
  if (!rng.chance(0.1)) return undefined;
  const months = rng.pick([1, 3, 12]);
  return {
    status: 'COMPLETED',
    order_id: `CS${rng.hex(14).toUpperCase()}`,
    charging_mode: 0,
    period_type: months === 12 ? 3 : 2,
    period_num: months === 12 ? 1 : months,
    is_auto_renew: rng.int(0, 1),
    eff_time: String(createTime),
    exp_time: String(createTime + months * 30 * 24 * 3600_000),
  };
}
