/** Conversions from DRS wire values to GraphQL values; DRS sentinels become null. */

/** DRS sends times as epoch-millisecond strings; `"0"` (or empty) means "not yet". */
export function epochMs(value: string | number | undefined | null): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const ms = Number(value);
  if (Number.isFinite(ms)) return ms > 0 ? new Date(ms) : null;
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

/** Numeric strings such as `"94%"`, `"100"` or `"-1"`; negative values are DRS's "not applicable". */
export function nonNegative(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(String(value).replace(/%$/, ''));
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Whole numbers that DRS sends as number or string (`db_port`, `node_num`). */
export function wholeNumber(value: string | number | undefined | null): number | null {
  const n = nonNegative(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** `ssl_link` arrives as boolean or as the string "true"/"false". */
export function flag(value: boolean | string | undefined | null): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export function nonEmpty(value: string | undefined | null): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}
