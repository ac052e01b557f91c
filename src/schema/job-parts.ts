import type { DatabaseObjectInfo, InstInfo, QuerySmnInfoResp, SpeedLimitInfo, Tag as TagDto } from '../drs/types.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { EngineType, InstanceStatus } from './enums.js';
import { epochMs, flag, nonEmpty } from './wire.js';

/** The small value types hanging off a job. */

export const ReplicationInstance = builder.objectRef<InstInfo>('ReplicationInstance').implement({
  description: 'The DRS replication instance that runs the job (batch-detail `inst_info`).',
  fields: (t) => ({
    ...enumFields(t, 'engineType', EngineType, (i) => i.engine_type, 'Replication engine (`engine_type`).'),
    ...enumFields(t, 'status', InstanceStatus, (i) => i.status, 'Whether the instance still exists (`status`).'),
    instanceType: t.string({
      description: 'Instance class (`inst_type`): the SDK lists `high`; its comments add `common`, `ultrahigh`.',
      resolve: (i) => nonEmpty(i.inst_type),
    }),
    ip: t.string({ description: 'Private IP address of the instance (`ip`).', resolve: (i) => nonEmpty(i.ip) }),
    publicIp: t.string({
      description: 'EIP of the instance (`public_ip`); null without one.',
      resolve: (i) => nonEmpty(i.public_ip),
    }),
    volumeSizeGb: t.int({ description: 'Disk size in GB (`volume_size`).', resolve: (i) => i.volume_size ?? null }),
    scheduledStartAt: t.field({
      type: 'DateTime',
      description: 'Scheduled start (`start_time`); null when none is scheduled (DRS sends "0").',
      resolve: (i) => epochMs(i.start_time),
    }),
  }),
});

interface TagPair {
  key: string;
  value: string;
}

export const Tag = builder.objectRef<TagPair>('Tag').implement({
  description: 'A tag of a job: DRS sends `[{key, value}]` or `[{"key1": "value1", …}]`; both become pairs.',
  fields: (t) => ({
    key: t.exposeString('key', { nullable: false, description: 'Tag key (up to 36 characters).' }),
    value: t.exposeString('value', { nullable: false, description: 'Tag value (up to 43 characters); may be empty.' }),
  }),
});

/** DRS sends tags as `[{key, value}]` or as `[{"key1": "value1", …}]`; both become pairs. */
export function tagPairs(tags: TagDto[] | undefined): TagPair[] {
  const pairs: TagPair[] = [];
  for (const tag of tags ?? []) {
    if (typeof tag.key === 'string' && Object.keys(tag).every((k) => k === 'key' || k === 'value')) {
      pairs.push({ key: tag.key, value: String(tag.value ?? '') });
    } else {
      for (const [key, value] of Object.entries(tag)) pairs.push({ key, value: String(value) });
    }
  }
  return pairs;
}

export const SelectedObject = builder.objectRef<DatabaseObjectInfo>('SelectedObject').implement({
  description: 'A database object chosen for the job (batch-detail `object_infos`).',
  fields: (t) => ({
    id: t.string({
      description: 'Object id (`id`): the database name for a database, a composite for tables and views.',
      resolve: (o) => nonEmpty(o.id),
    }),
    parentId: t.string({
      description: 'Database of a table or view (`parent_id`).',
      resolve: (o) => nonEmpty(o.parent_id),
    }),
    type: t.string({
      description: '`table`, `view`, `function`, `procedure` or `database` (= schema).',
      resolve: (o) => nonEmpty(o.type),
    }),
    name: t.string({ description: 'Object name (`name`).', resolve: (o) => nonEmpty(o.name) }),
    aliasName: t.string({
      description: 'Name in the target when mapped (`alias_name`).',
      resolve: (o) => nonEmpty(o.alias_name),
    }),
    selected: t.boolean({
      description: 'Whether the object is selected (`select`, sent as the string "true"/"false").',
      resolve: (o) => flag(o.select),
    }),
  }),
});

export const SpeedLimit = builder.objectRef<SpeedLimitInfo>('SpeedLimit').implement({
  description: 'A flow-control window (`speed_limit`): at most 10, not overlapping; no windows means unlimited.',
  fields: (t) => ({
    begin: t.string({
      description: 'Start, `hh:mm` on a whole hour (`begin`); UTC unless `utc` is false.',
      resolve: (s) => nonEmpty(s.begin),
    }),
    end: t.string({ description: 'End, `hh:mm` ending in `:59` (`end`).', resolve: (s) => nonEmpty(s.end) }),
    speedMBps: t.string({
      description: 'Speed cap in MB/s, 1–9999, as DRS sends it (`speed`, a string).',
      resolve: (s) => nonEmpty(s.speed),
    }),
    utc: t.boolean({ description: 'Whether `begin`/`end` are UTC (`is_utc`).', resolve: (s) => s.is_utc ?? null }),
  }),
});

export const AlarmSettings = builder.objectRef<QuerySmnInfoResp>('AlarmSettings').implement({
  description:
    'Exception notifications through SMN (batch-detail `alarm_notify`). Subscriber phone numbers and e-mails are not exposed.',
  fields: (t) => ({
    alarmToUser: t.boolean({
      description: 'Whether alarms are sent (`alarm_to_user`).',
      resolve: (a) => a.alarm_to_user ?? null,
    }),
    topicName: t.string({ description: 'SMN topic (`topic_name`).', resolve: (a) => nonEmpty(a.topic_name) }),
    ...delayThresholds(t),
    subscriptionProtocols: t.stringList({
      nullable: false,
      description: 'How subscribers are told (`subscriptions[].protocol`: `sms`, `email`); never their addresses.',
      resolve: (a) => (a.subscriptions ?? []).flatMap((s) => (s.protocol ? [s.protocol] : [])),
    }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
interface Thresholds {
  delay_time?: number | null;
  rpo_delay?: number | null;
  rto_delay?: number | null;
}

/** The three alarm thresholds v3 (`QuerySmnInfoResp`) and v5 (`AlarmNotifyConfig`) share, in seconds. */
export function delayThresholds<Parent extends Thresholds>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>) {
  return {
    delaySeconds: t.int({
      description:
        'Alarm when the replication delay exceeds this many seconds (`delay_time`, 1–3600; DRS’s default is 0).',
      resolve: (a) => a.delay_time ?? null,
    }),
    rpoDelaySeconds: t.int({
      description: 'DR: alarm when the RPO delay (source → DRS) exceeds this many seconds for 6 minutes (`rpo_delay`).',
      resolve: (a) => a.rpo_delay ?? null,
    }),
    rtoDelaySeconds: t.int({
      description:
        'DR: alarm when the RTO delay (DRS → DR database) exceeds this many seconds for 6 minutes (`rto_delay`).',
      resolve: (a) => a.rto_delay ?? null,
    }),
  };
}
