import type { Dispatcher } from 'undici';
import { DRS_API, drsPath } from './apis.js';
import { type DrsAuth, requestHeaders, sendable } from './credentials.js';
import { type DrsError, LocalCode } from './errors.js';
import { exchange } from './exchange.js';
import { parseResponse } from './response.js';
import { localCodeOf } from './retry.js';

/** Who the probe asks as: the gateway's own credential when it has one, else none (APIG's 401 still answers). */
export interface ProbeAs {
  projectId: string;
  auth: DrsAuth | undefined;
  language: string;
}

/** What one probe learnt: the HTTP status (0 when no answer came) and DRS's or a local code. */
export interface ProbeResult {
  status: number;
  code?: string | undefined;
  durationMs: number;
}

/**
 * batch-progress with an empty `jobs` list: DRS refuses it (400 DRS.M00201) while validating the
 * body, before any job is looked up, so the answer proves APIG, authentication and the DRS
 * service answer, at the cost of a 13-byte request and no work on DRS's side.
 */
const PROBE_BODY = '{"jobs":[]}';

/**
 * One bare attempt for readiness: no breaker, limits, retries or observer, so a probe neither
 * opens a breaker nor shows in the metrics of real traffic. Never throws.
 */
export async function probeDrs(
  target: { endpoint: string; dispatcher: Dispatcher },
  as: ProbeAs,
  timeoutMs: number,
): Promise<ProbeResult> {
  const { method, template } = DRS_API['batch-progress'];
  const url = new URL(`${target.endpoint}${drsPath(template, { project_id: as.projectId })}`);
  const request = { method, url, body: PROBE_BODY } as const;
  // Without an IAM token (readiness reports IAM on its own) the probe asks bare: APIG's 401 is an answer too.
  const auth = as.auth && (await sendable(as.auth).catch(() => undefined));
  const headers = auth
    ? requestHeaders(request, { ...as, auth }, new Date())
    : { 'content-type': 'application/json', 'x-language': as.language };
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await exchange(target.dispatcher, {
      origin: url.origin,
      path: url.pathname,
      method,
      headers,
      body: PROBE_BODY,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal,
    });
    try {
      parseResponse(response);
      return { status: response.statusCode, durationMs: took() };
    } catch (error) {
      return { status: response.statusCode, code: (error as DrsError).code, durationMs: took() };
    }
  } catch (cause) {
    const code = signal.aborted ? LocalCode.timeout : localCodeOf(cause);
    return { status: 0, code, durationMs: took() };
  }
}
