import type { CompareResultInfo, PreCheckItem, QueryMetricResult, QueryPreCheckResult } from '../drs/types-v5.js';
import { builder } from './builder.js';
import { epochMs, nonEmpty, nonNegative } from './wire.js';

/** The diagnostic parts of a v5 job detail: pre-check, comparison and node metrics. */

const PreCheckItemRef = builder.objectRef<PreCheckItem>('PreCheckItem').implement({
  description: 'One pre-check item (`precheck_results[]`).',
  fields: (t) => ({
    item: t.string({ description: 'Check item (`item`).', resolve: (i) => nonEmpty(i.item) }),
    result: t.string({ description: '`PASSED`, `ALARM` or `FAILED` (`result`).', resolve: (i) => nonEmpty(i.result) }),
    failedReason: t.string({
      description: 'Why it failed (`failed_reason`).',
      resolve: (i) => nonEmpty(i.failed_reason),
    }),
    group: t.string({ description: 'Check item group (`group`).', resolve: (i) => nonEmpty(i.group) }),
    skippable: t.boolean({
      description: 'Whether the check may be skipped (`is_support_skip`).',
      resolve: (i) => i.is_support_skip ?? null,
    }),
    skipped: t.boolean({ description: 'Whether it was skipped (`is_skipped`).', resolve: (i) => i.is_skipped ?? null }),
  }),
});

export const PreCheckResult = builder.objectRef<QueryPreCheckResult>('PreCheckResult').implement({
  description: 'Pre-check results of a v5 job (`precheck_result`).',
  fields: (t) => ({
    passed: t.boolean({ description: 'Whether the pre-check passed (`result`).', resolve: (p) => p.result ?? null }),
    progress: t.string({
      description: 'Pre-check progress in percent, as DRS sent it (`process`).',
      resolve: (p) => nonEmpty(p.process),
    }),
    passRate: t.float({
      description: 'Checks passed, percent 0–100 (`total_passed_rate`).',
      resolve: (p) => nonNegative(p.total_passed_rate),
    }),
    items: t.field({
      type: [PreCheckItemRef],
      nullable: false,
      description: 'Every check item (`precheck_results`).',
      resolve: (p) => p.precheck_results ?? [],
    }),
  }),
});

type ObjectCompare = NonNullable<CompareResultInfo['object_level_compare_results']>[number];
type CompareTask = NonNullable<CompareResultInfo['compare_task_list']>[number];

const ObjectCompareResult = builder.objectRef<ObjectCompare>('ObjectCompareResult').implement({
  description: 'Object-level comparison of one kind of object.',
  fields: (t) => ({
    type: t.string({ description: 'Kind of object compared (`type`).', resolve: (o) => nonEmpty(o.type) }),
    status: t.string({
      description:
        'Result (`status`): CONSISTENT, INCONSISTENT, COMPARING, WAITING_FOR_COMPARISON, FAILED_TO_COMPARE, ' +
        'TARGET_DB_NOT_EXIST or CAN_NOT_COMPARE.',
      resolve: (o) => nonEmpty(o.status),
    }),
    sourceCount: t.int({
      description: 'Objects in the source (`source_count`).',
      resolve: (o) => o.source_count ?? null,
    }),
    targetCount: t.int({
      description: 'Objects in the target (`target_count`).',
      resolve: (o) => o.target_count ?? null,
    }),
  }),
});

const CompareTaskRef = builder.objectRef<CompareTask>('CompareTask').implement({
  description: 'A comparison task of a v5 job.',
  fields: (t) => ({
    id: t.string({
      description: 'Comparison task id (`compare_task_id`).',
      resolve: (c) => nonEmpty(c.compare_task_id),
    }),
    type: t.string({ description: 'Comparison type (`type`), as DRS sent it.', resolve: (c) => nonEmpty(c.type) }),
    status: t.string({
      description:
        'Task status (`status`): RUNNING, WAITING_FOR_RUNNING, SUCCESSFUL, FAILED, CANCELLED, ' +
        'TIMEOUT_INTERRUPT, FULL_DOING or INCRE_DOING.',
      resolve: (c) => nonEmpty(c.status),
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'Creation time (`create_time`).',
      resolve: (c) => epochMs(c.create_time),
    }),
  }),
});

export const CompareResult = builder.objectRef<CompareResultInfo>('CompareResult').implement({
  description: 'Comparison overview of a v5 job (`compare_result`); per-row details stay in DRS.',
  fields: (t) => ({
    objectResults: t.field({
      type: [ObjectCompareResult],
      nullable: false,
      description: 'Object-level results, one per kind of object.',
      resolve: (c) => c.object_level_compare_results ?? [],
    }),
    tasks: t.field({
      type: [CompareTaskRef],
      nullable: false,
      description: 'Comparison tasks of the job.',
      resolve: (c) => c.compare_task_list ?? [],
    }),
  }),
});

/** DRS sends every metric as a string; numbers here, null when absent or not numeric. */
const metric = (name: string) => (m: QueryMetricResult) => nonNegative(m[name]);

export const NodeMetrics = builder.objectRef<QueryMetricResult>('NodeMetrics').implement({
  description: 'Latest metrics of a v5 job’s node (`metrics`); DRS sends strings, null when absent or not numeric.',
  fields: (t) => ({
    nodeId: t.string({ description: 'The node (`node_id`).', resolve: (m) => nonEmpty(m.node_id) }),
    at: t.field({
      type: 'DateTime',
      description: 'When the metrics were reported (`time_stamp`).',
      resolve: (m) => epochMs(m.time_stamp),
    }),
    cpuPercent: t.float({ description: 'CPU usage, percent (`cpu_util`).', resolve: metric('cpu_util') }),
    memoryPercent: t.float({ description: 'Memory usage, percent (`mem_util`).', resolve: metric('mem_util') }),
    networkInBytesPerSecond: t.float({
      description: 'Network input, bytes/s (`network_incoming_bytes_rate`).',
      resolve: metric('network_incoming_bytes_rate'),
    }),
    networkOutBytesPerSecond: t.float({
      description: 'Network output, bytes/s (`network_outgoing_bytes_rate`).',
      resolve: metric('network_outgoing_bytes_rate'),
    }),
    diskReadBytesPerSecond: t.float({
      description: 'Disk reads, bytes/s (`disk_read_bytes_rate`).',
      resolve: metric('disk_read_bytes_rate'),
    }),
    diskWriteBytesPerSecond: t.float({
      description: 'Disk writes, bytes/s (`disk_write_bytes_rate`).',
      resolve: metric('disk_write_bytes_rate'),
    }),
    applyRowsPerSecond: t.float({
      description: 'Rows written to the target per second (`apply_rows_rate`).',
      resolve: metric('apply_rows_rate'),
    }),
    applyTransactionsPerSecond: t.float({
      description: 'DML transactions per second (`apply_transactions_rate`).',
      resolve: metric('apply_transactions_rate'),
    }),
    applyState: t.string({
      description: 'Synchronization state (`apply_current_state`): succeed, failed, processing or waiting.',
      resolve: (m) => nonEmpty(m.apply_current_state),
    }),
  }),
});
