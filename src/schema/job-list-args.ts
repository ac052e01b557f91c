import { createHash } from 'node:crypto';
import type { QueryJobsReq } from '../drs/types-discovery.js';
import { badUserInput, quoted } from '../errors.js';
import { builder } from './builder.js';
import { DbUseType, EngineType, JobStatus, NetType, UNKNOWN } from './enums.js';

/** `first` of `jobList`: DRS pages hold at most 100 rows (`per_page` 0–100). */
export const JOB_LIST_LIMITS = { defaultSize: 20, maxSize: 100 };
/** Statuses one filter may name: DRS takes one per call, so each costs a list call per scenario. */
export const MAX_FILTER_STATUSES = 10;
const SCENARIOS = ['migration', 'sync', 'cloudDataGuard'] as const;
const EPS_ID = /^[A-Za-z0-9-]{1,64}$/;

export const JobFilter = builder.inputType('JobFilter', {
  description:
    'Which jobs `jobList` lists: the filters of DRS’s tenant job list (POST /v3/{project_id}/jobs), ' +
    'all of them together (AND). Omitted filters do not filter.',
  fields: (t) => ({
    dbUseType: t.field({
      type: [DbUseType.ref],
      description:
        'Scenarios (DRS `db_use_type`): MIGRATION (real-time migration), SYNC (real-time synchronization), ' +
        'CLOUD_DATA_GUARD (real-time disaster recovery). DRS lists one scenario per call, so each scenario ' +
        'costs one list call per page; omitted means all three (three calls, made together).',
    }),
    status: t.field({
      type: [JobStatus.ref],
      description: `Job statuses (DRS \`status\`), any of them. DRS filters on one status per call, so each status costs one list call per scenario per page; at most ${MAX_FILTER_STATUSES}.`,
    }),
    name: t.string({
      description:
        'A job name or job id (DRS `name`, "name or ID"; the SDK also accepts up to 100 ids separated by commas). ' +
        'How a partial name matches is DRS’s: the built-in simulator matches part of the name, ignoring case.',
    }),
    engineType: t.field({
      type: EngineType.ref,
      description: 'Replication engine (DRS `engine_type`, e.g. MYSQL, CLOUD_DATA_GUARD_MYSQL, MYSQL_TO_KAFKA).',
    }),
    netType: t.field({ type: NetType.ref, description: 'Network the job uses (DRS `net_type`): VPN, VPC or EIP.' }),
    enterpriseProjectId: t.string({
      description: 'Enterprise project id (DRS `enterprise_project_id`); "0" is the default enterprise project.',
    }),
  }),
});

export interface JobFilterArgs {
  dbUseType?: readonly string[] | null | undefined;
  status?: readonly string[] | null | undefined;
  name?: string | null | undefined;
  engineType?: string | null | undefined;
  netType?: string | null | undefined;
  enterpriseProjectId?: string | null | undefined;
}

/** The list calls a filter makes per page (one per scenario × status), and its fingerprint for cursors. */
export interface ListPlan {
  requests: Omit<QueryJobsReq, 'cur_page' | 'per_page'>[];
  fingerprint: string;
}

function known(values: readonly string[], argument: string): string[] {
  if (values.includes(UNKNOWN)) throw badUserInput(`UNKNOWN is not a value to filter on ("${argument}")`, { argument });
  return [...new Set(values)];
}

/** Checks a filter (before any call) and turns it into the list requests of one page. */
export function listPlan(filter: JobFilterArgs | null | undefined): ListPlan {
  const f = filter ?? {};
  const scenarios = f.dbUseType?.length ? known(f.dbUseType, 'filter.dbUseType') : [...SCENARIOS];
  const statuses = f.status?.length ? known(f.status, 'filter.status') : [''];
  if (statuses.length > MAX_FILTER_STATUSES) {
    throw badUserInput(`At most ${MAX_FILTER_STATUSES} statuses per filter (got ${statuses.length})`, {
      argument: 'filter.status',
    });
  }
  const [engine] = known(f.engineType ? [f.engineType] : [], 'filter.engineType');
  const [net] = known(f.netType ? [f.netType] : [], 'filter.netType');
  const name = f.name ?? '';
  // It travels to DRS in a JSON body: bounded, and no control characters.
  if (name.length > 3700 || [...name].some((c) => c < ' ' || c === '\u007f')) {
    throw badUserInput(`"filter.name" must be a job name or ids, without control characters (got "${quoted(name)}")`, {
      argument: 'filter.name',
    });
  }
  const eps = f.enterpriseProjectId ?? undefined;
  if (eps !== undefined && !EPS_ID.test(eps)) {
    throw badUserInput(`"${quoted(eps)}" is not an enterprise project id`, { argument: 'filter.enterpriseProjectId' });
  }
  // The published example sends "" for every unused filter; engine_type absent would mean mysql only.
  const common = { engine_type: engine ?? '', net_type: net ?? '', name: name.trim() };
  const requests = scenarios.flatMap((db_use_type) =>
    statuses.map((status) => ({
      db_use_type,
      ...common,
      status,
      ...(eps === undefined ? {} : { enterprise_project_id: eps }),
    })),
  );
  const fingerprint = createHash('sha256').update(JSON.stringify(requests)).digest('base64url').slice(0, 12);
  return { requests, fingerprint };
}
