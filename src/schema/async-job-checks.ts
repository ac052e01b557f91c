import type { CompareResultInfo, PreCheckItem, QueryMetricResult, QueryPreCheckResult } from '../drs/types-v5.js';
import { builder } from './builder.js';
import { epochMs, nonEmpty, nonNegative } from './wire.js';

/** The diagnostic parts of a v5 job detail: pre-check, comparison and node metrics. */

const PreCheckItemRef = builder.objectRef<PreCheckItem>('PreCheckItem').implement({
  fields: (t) => ({
    item: t.string({ resolve: (i) => nonEmpty(i.item) }),
    result: t.string({ description: 'PASSED, ALARM or FAILED.', resolve: (i) => nonEmpty(i.result) }),
    failedReason: t.string({ resolve: (i) => nonEmpty(i.failed_reason) }),
    group: t.string({ resolve: (i) => nonEmpty(i.group) }),
    skippable: t.boolean({ resolve: (i) => i.is_support_skip ?? null }),
    skipped: t.boolean({ resolve: (i) => i.is_skipped ?? null }),
  }),
});

export const PreCheckResult = builder.objectRef<QueryPreCheckResult>('PreCheckResult').implement({
  fields: (t) => ({
    passed: t.boolean({ resolve: (p) => p.result ?? null }),
    progress: t.string({ resolve: (p) => nonEmpty(p.process) }),
    passRate: t.float({ description: 'Percent.', resolve: (p) => nonNegative(p.total_passed_rate) }),
    items: t.field({ type: [PreCheckItemRef], nullable: false, resolve: (p) => p.precheck_results ?? [] }),
  }),
});

type ObjectCompare = NonNullable<CompareResultInfo['object_level_compare_results']>[number];
type CompareTask = NonNullable<CompareResultInfo['compare_task_list']>[number];

const ObjectCompareResult = builder.objectRef<ObjectCompare>('ObjectCompareResult').implement({
  fields: (t) => ({
    type: t.string({ resolve: (o) => nonEmpty(o.type) }),
    status: t.string({ description: 'CONSISTENT, INCONSISTENT, COMPARING, …', resolve: (o) => nonEmpty(o.status) }),
    sourceCount: t.int({ resolve: (o) => o.source_count ?? null }),
    targetCount: t.int({ resolve: (o) => o.target_count ?? null }),
  }),
});

const CompareTaskRef = builder.objectRef<CompareTask>('CompareTask').implement({
  fields: (t) => ({
    id: t.string({ resolve: (c) => nonEmpty(c.compare_task_id) }),
    type: t.string({ resolve: (c) => nonEmpty(c.type) }),
    status: t.string({ description: 'RUNNING, SUCCESSFUL, FAILED, …', resolve: (c) => nonEmpty(c.status) }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => epochMs(c.create_time) }),
  }),
});

export const CompareResult = builder.objectRef<CompareResultInfo>('CompareResult').implement({
  description: 'Comparison overview of a v5 job; per-row details stay in DRS.',
  fields: (t) => ({
    objectResults: t.field({
      type: [ObjectCompareResult],
      nullable: false,
      resolve: (c) => c.object_level_compare_results ?? [],
    }),
    tasks: t.field({ type: [CompareTaskRef], nullable: false, resolve: (c) => c.compare_task_list ?? [] }),
  }),
});

/** DRS sends every metric as a string; numbers here, null when absent or not numeric. */
const metric = (name: string) => (m: QueryMetricResult) => nonNegative(m[name]);

export const NodeMetrics = builder.objectRef<QueryMetricResult>('NodeMetrics').implement({
  fields: (t) => ({
    nodeId: t.string({ resolve: (m) => nonEmpty(m.node_id) }),
    at: t.field({ type: 'DateTime', resolve: (m) => epochMs(m.time_stamp) }),
    cpuPercent: t.float({ resolve: metric('cpu_util') }),
    memoryPercent: t.float({ resolve: metric('mem_util') }),
    networkInBytesPerSecond: t.float({ resolve: metric('network_incoming_bytes_rate') }),
    networkOutBytesPerSecond: t.float({ resolve: metric('network_outgoing_bytes_rate') }),
    diskReadBytesPerSecond: t.float({ resolve: metric('disk_read_bytes_rate') }),
    diskWriteBytesPerSecond: t.float({ resolve: metric('disk_write_bytes_rate') }),
    applyRowsPerSecond: t.float({ resolve: metric('apply_rows_rate') }),
    applyTransactionsPerSecond: t.float({ resolve: metric('apply_transactions_rate') }),
    applyState: t.string({ resolve: (m) => nonEmpty(m.apply_current_state) }),
  }),
});
