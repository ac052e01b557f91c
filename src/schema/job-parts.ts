import type { DatabaseObjectInfo, InstInfo, QuerySmnInfoResp, SpeedLimitInfo, Tag as TagDto } from '../drs/types.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { EngineType, InstanceStatus } from './enums.js';
import { epochMs, flag, nonEmpty } from './wire.js';

/** The small value types hanging off a job. */

export const ReplicationInstance = builder.objectRef<InstInfo>('ReplicationInstance').implement({
  description: 'The DRS replication instance that runs the job.',
  fields: (t) => ({
    ...enumFields(t, 'engineType', EngineType, (i) => i.engine_type, 'Replication engine.'),
    ...enumFields(t, 'status', InstanceStatus, (i) => i.status, 'Whether the instance still exists.'),
    instanceType: t.string({ resolve: (i) => nonEmpty(i.inst_type) }),
    ip: t.string({ description: 'Private address.', resolve: (i) => nonEmpty(i.ip) }),
    publicIp: t.string({ resolve: (i) => nonEmpty(i.public_ip) }),
    volumeSizeGb: t.int({ resolve: (i) => i.volume_size ?? null }),
    scheduledStartAt: t.field({ type: 'DateTime', resolve: (i) => epochMs(i.start_time) }),
  }),
});

interface TagPair {
  key: string;
  value: string;
}

export const Tag = builder.objectRef<TagPair>('Tag').implement({
  fields: (t) => ({
    key: t.exposeString('key', { nullable: false }),
    value: t.exposeString('value', { nullable: false }),
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
  description: 'A database object chosen for the job (`object_infos`).',
  fields: (t) => ({
    id: t.string({ resolve: (o) => nonEmpty(o.id) }),
    parentId: t.string({ description: 'Database of a table or view.', resolve: (o) => nonEmpty(o.parent_id) }),
    type: t.string({ description: 'table, view, function, procedure or database.', resolve: (o) => nonEmpty(o.type) }),
    name: t.string({ resolve: (o) => nonEmpty(o.name) }),
    aliasName: t.string({ description: 'Name in the target, when mapped.', resolve: (o) => nonEmpty(o.alias_name) }),
    selected: t.boolean({ resolve: (o) => flag(o.select) }),
  }),
});

export const SpeedLimit = builder.objectRef<SpeedLimitInfo>('SpeedLimit').implement({
  description: 'A flow-control window; no windows means unlimited.',
  fields: (t) => ({
    begin: t.string({ description: 'hh:mm', resolve: (s) => nonEmpty(s.begin) }),
    end: t.string({ description: 'hh:mm', resolve: (s) => nonEmpty(s.end) }),
    speedMBps: t.string({ description: 'MB/s, 1–9999.', resolve: (s) => nonEmpty(s.speed) }),
    utc: t.boolean({ resolve: (s) => s.is_utc ?? null }),
  }),
});

export const AlarmSettings = builder.objectRef<QuerySmnInfoResp>('AlarmSettings').implement({
  description: 'Exception notifications (SMN). Subscriber phone numbers and e-mails are not exposed.',
  fields: (t) => ({
    alarmToUser: t.boolean({ resolve: (a) => a.alarm_to_user ?? null }),
    topicName: t.string({ resolve: (a) => nonEmpty(a.topic_name) }),
    delaySeconds: t.int({ resolve: (a) => a.delay_time ?? null }),
    rpoDelaySeconds: t.int({ resolve: (a) => a.rpo_delay ?? null }),
    rtoDelaySeconds: t.int({ resolve: (a) => a.rto_delay ?? null }),
    subscriptionProtocols: t.stringList({
      nullable: false,
      resolve: (a) => (a.subscriptions ?? []).flatMap((s) => (s.protocol ? [s.protocol] : [])),
    }),
  }),
});
