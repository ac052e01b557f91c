import type { IncomingMessage } from 'node:http';
import { DRS_API, IAM_TOKEN } from '../../src/drs/apis.js';
import type { Reply } from '../v3/batch.js';
import { credentialKind } from './auth.js';
import { type CallRecord, describeBody } from './call-log.js';
import type { BodyRead } from './request.js';
import { projectSegment, type Route } from './router.js';

/** A request as the pipeline has read it. */
export interface Incoming {
  req: IncomingMessage;
  route: Route | undefined;
  read: BodyRead;
  body: unknown;
  query: URLSearchParams;
  requestId: string;
}

/** The call-log entry of a request; `reply` is undefined when none was sent (reset, hang). */
export function record(inc: Incoming, path: string, reply: Reply | undefined, extra: Partial<CallRecord>): CallRecord {
  const { route } = inc;
  const rec: CallRecord = {
    api: route?.api ?? 'unknown',
    method: inc.req.method ?? 'GET',
    path,
    projectId: route?.projectId ?? projectSegment(path),
    ...describeBody(inc.body),
    status: reply?.status ?? 0,
    credential: credentialKind(inc.req.headers),
    outcome: reply?.outcome ?? 'fault',
    requestId: inc.requestId,
    at: Date.now(),
    ...extra,
  };
  // A job named by the path (progress-data, the job log) is the call's job.
  if (route?.jobId !== undefined) rec.jobs = [route.jobId];
  if (route && route.api !== IAM_TOKEN.name && DRS_API[route.api].shape === 'request' && isObject(inc.body))
    rec.listReq = inc.body;
  if (route?.type !== undefined) rec.type = route.type;
  if (route?.asyncJobId !== undefined) rec.asyncJobId = route.asyncJobId;
  if (route && [...inc.query.keys()].length > 0) rec.query = Object.fromEntries(inc.query);
  if (reply?.fault !== undefined) rec.fault = reply.fault;
  const { 'x-request-id': clientRequestId, traceparent } = inc.req.headers;
  if (typeof clientRequestId === 'string') rec.clientRequestId = clientRequestId;
  if (typeof traceparent === 'string') rec.traceparent = traceparent;
  return rec;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
