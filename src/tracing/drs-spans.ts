import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '@opentelemetry/semantic-conventions';
import type { DrsAttemptOutcome, DrsObserver } from '../drs/observer.js';
import { DRS_API, DRS_ERROR_CODE, DRS_REQUEST_ID, URL_TEMPLATE } from './attributes.js';
import { injectTraceHeaders } from './propagation.js';

/**
 * One CLIENT span per DRS HTTP attempt (a retry is a span of its own), a child of whatever span is
 * active when the attempt starts (the operation's, through DataLoader's batch functions), named
 * `POST /v3/{project_id}/jobs/batch-detail` after the HTTP client semantic conventions. Its
 * `traceparent` goes to DRS with the attempt. `url.full`, which the conventions require, is left out
 * on purpose: DRS paths hold the project id (and, for the v5 APIs, a job id); `url.template` says the
 * same without them. No body, query, header or credential is recorded.
 */
export function drsSpanObserver(tracer: Tracer): DrsObserver {
  return {
    attempt(info) {
      const parent = context.active();
      const span = tracer.startSpan(
        `${info.method} ${info.urlTemplate}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: info.method,
            [ATTR_SERVER_ADDRESS]: info.serverAddress,
            [ATTR_SERVER_PORT]: info.serverPort,
            [URL_TEMPLATE]: info.urlTemplate,
            [DRS_API]: info.api,
            // The conventions ask for the resend count on retries only.
            ...(info.resendCount > 0 ? { [ATTR_HTTP_REQUEST_RESEND_COUNT]: info.resendCount } : {}),
          },
        },
        parent,
      );
      injectTraceHeaders(trace.setSpan(parent, span), info.headers);
      return (outcome: DrsAttemptOutcome) => {
        if (outcome.status > 0) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, outcome.status);
        if (outcome.requestId) span.setAttribute(DRS_REQUEST_ID, outcome.requestId);
        // Local codes (LOCAL.TIMEOUT, …) are the gateway's, not DRS's: they only go to error.type.
        if (outcome.drsCode && !outcome.drsCode.startsWith('LOCAL.'))
          span.setAttribute(DRS_ERROR_CODE, outcome.drsCode);
        const errorType = errorTypeOf(outcome);
        if (errorType !== undefined) {
          span.setAttribute(ATTR_ERROR_TYPE, errorType);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      };
    },
  };
}

/** The status code for an HTTP error, else the local failure code (timeout, network, bad response). */
function errorTypeOf(outcome: DrsAttemptOutcome): string | undefined {
  if (outcome.status >= 400) return String(outcome.status);
  if (outcome.error !== undefined || outcome.status === 0) return outcome.error?.code ?? '_OTHER';
  return undefined;
}
