import { DRS_API } from '../../src/drs/apis.js';
import { JOB_DETAIL_TYPES } from '../v5/job-log.js';
import { enumOf, json, ref } from './kit.js';
import { batchOp, common, drsError, language, limit, offset, path, projectId } from './paths.js';

/** The discovery operations by API name: the tenant job list, batch-status and ShowJobDetail's log. */
export const DISCOVERY_OPERATIONS = {
  'job-list': {
    parameters: [projectId, language],
    requestBody: { required: true, content: { 'application/json': { schema: ref('QueryJobsReq') } } },
    responses: {
      '200': json(ref('QueryJobsResponse'), 'One page of the scenario’s jobs, newest first; total_record is the total'),
      '400': drsError(
        'DRS.M00201 db_use_type missing or empty; DRS.M00202 a value of the wrong type or unknown; DRS.M00210 cur_page/per_page out of range',
      ),
      ...common,
    },
  },
  'batch-status': batchOp(
    'BatchQueryJobReqPage',
    { '200': 'Statuses, paged over the IDs sent (per_page default 5, 0 = all)' },
    'BatchListJobStatusResponse',
    [],
  ),
  'job-log': {
    summary: `${DRS_API['job-log'].summary}; the simulator answers type=log only`,
    parameters: [
      projectId,
      path('job_id', 'Task ID'),
      {
        name: 'type',
        in: 'query',
        required: true,
        description: 'Detail type; missing → DRS.M00201; anything but log → DRS.M00202 (not simulated)',
        schema: enumOf(JOB_DETAIL_TYPES),
      },
      offset,
      limit,
      language,
    ],
    responses: {
      '200': json(ref('ShowJobLogResponse'), 'One page of the task log, newest first; job.total_count is the total'),
      '400': drsError('DRS.10000010 unknown or released task; DRS.M00201/M00202/M00210 bad type or paging'),
      ...common,
    },
  },
};
