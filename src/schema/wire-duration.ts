/**
 * DRS's `remaining_time` ("Estimated remaining time.", no unit documented) as whole seconds.
 * Documented examples are bare numbers ("0", "10") or null; bare numbers are read as seconds, the
 * unit of the sibling delays (`incre_trans_delay`, "单位：s") and of the simulator. A clock
 * ("1:02:03") or unit words ("1h 30m", "2 hours", "1小时5分钟", for `DRS_LANGUAGE=zh-cn`) are
 * read too. Anything else (negative sentinels such as "-1", blanks, garbage, or more than an Int
 * holds) is null, never an error.
 */
export function durationSeconds(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim().toLowerCase();
  if (text === '') return null;
  const seconds = bareSeconds(text) ?? clockSeconds(text) ?? unitSeconds(text);
  return seconds !== null && seconds <= INT_MAX ? seconds : null;
}

/** GraphQL's Int is 32-bit signed: a larger value would fail serialization instead of being null. */
const INT_MAX = 2 ** 31 - 1;

const BARE = /^\d+(?:\.\d+)?$/;
const CLOCK = /^(\d+):([0-5]\d):([0-5]\d)$/;

function bareSeconds(text: string): number | null {
  return BARE.test(text) ? Math.round(Number(text)) : null;
}

function clockSeconds(text: string): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

const UNITS: Record<string, number> = {
  d: 86_400,
  day: 86_400,
  days: 86_400,
  天: 86_400,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  小时: 3600,
  时: 3600,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  分钟: 60,
  分: 60,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  秒: 1,
};

// Longest alternatives first, so "min" is not read as "m" followed by garbage.
const UNIT_NAMES = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const PART = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNIT_NAMES})(?![a-z])[\\s,]*`, 'y');

function unitSeconds(text: string): number | null {
  PART.lastIndex = 0;
  let total = 0;
  let parts = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return null;
    total += Number(match[1]) * UNITS[match[2]!]!;
    parts++;
  }
  return parts > 0 ? Math.round(total) : null;
}
