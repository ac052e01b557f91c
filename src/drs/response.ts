import { DrsError, LocalCode } from './errors.js';
import type { Exchange } from './exchange.js';
import type { DrsErrorBody } from './types.js';

/**
 * Reads a DRS answer. Any body carrying its `list` (`results` for the v3 batch APIs) is an answer
 * whatever the status (DRS answers 400 when every id is unknown); other non-2xx bodies become a `DrsError`.
 * With `object`, the member is an object (ShowJobDetail's `job`) rather than a list.
 */
export function parseResponse<T>(response: Exchange, list = 'results', object = false): T {
  const requestId = header(response, 'x-request-id');
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    parsed = undefined;
  }
  if (isObject(parsed) && (object ? isObject(parsed[list]) : Array.isArray(parsed[list]))) return parsed as T;
  if (response.statusCode >= 200 && response.statusCode < 300) {
    throw new DrsError({
      message: `DRS answered without a ${list} list`,
      status: response.statusCode,
      code: LocalCode.badResponse,
      requestId,
    });
  }
  const error = isObject(parsed) ? (parsed as DrsErrorBody) : {};
  throw new DrsError({
    message: typeof error.error_msg === 'string' ? error.error_msg : `DRS answered HTTP ${response.statusCode}`,
    status: response.statusCode,
    code: typeof error.error_code === 'string' ? error.error_code : undefined,
    requestId: requestId ?? (typeof error.request_id === 'string' ? error.request_id : undefined),
  });
}

export function header(response: Pick<Exchange, 'headers'>, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
