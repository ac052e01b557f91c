import { describe, expect, it } from 'vitest';
import { durationSeconds } from '../../src/schema/wire-duration.js';
import { fixture } from '../support/fixture-upstream.js';

describe('durationSeconds (DRS remaining_time → Int seconds)', () => {
  it('reads the values DRS documents: bare numbers, and null in progress_map', () => {
    const progress = fixture('batch-progress.extra-2.json');
    const wire = [
      ...progress.results.map((r: any) => r.remaining_time),
      ...Object.values(progress.results[1].progress_map).map((p: any) => p.remaining_time),
    ];
    expect(wire).toEqual(['10', '0', null, null, null]);
    expect(wire.map(durationSeconds)).toEqual([10, 0, null, null, null]);
  });

  it.each([
    ['0', 0],
    ['10', 10],
    [' 75 ', 75],
    ['12.4', 12],
    ['12.5', 13],
    [3600, 3600],
    [59.6, 60],
  ] as const)('reads the bare number %j as seconds', (wire, seconds) => {
    expect(durationSeconds(wire)).toBe(seconds);
  });

  it.each([
    ['0:00:00', 0],
    ['0:01:05', 65],
    ['1:02:03', 3723],
    ['26:00:00', 93_600],
  ] as const)('reads the clock %j', (wire, seconds) => {
    expect(durationSeconds(wire)).toBe(seconds);
  });

  it.each([
    ['45s', 45],
    ['10 min', 600],
    ['10mins', 600],
    ['1h30m', 5400],
    ['1h 30m 15s', 5415],
    ['1 hour, 2 minutes, 3 seconds', 3723],
    ['2 Days', 172_800],
    ['1.5h', 5400],
    ['1天2小时', 93_600],
    ['1小时5分钟30秒', 3930],
    ['5分', 300],
  ] as const)('reads the unit words %j', (wire, seconds) => {
    expect(durationSeconds(wire)).toBe(seconds);
  });

  it.each([
    ['-1', 'the "not applicable" sentinel'],
    [-1, 'a negative number'],
    ['', 'an empty string'],
    ['   ', 'blanks'],
    [null, 'null'],
    [undefined, 'an absent field'],
    ['unknown', 'a word'],
    ['10 apples', 'an unknown unit'],
    ['h', 'a unit without a number'],
    ['1h garbage', 'a known part followed by garbage'],
    ['12:30', 'hh:mm (a time of day or mm:ss: ambiguous)'],
    ['1:60:00', 'a clock with 60 minutes'],
    ['1e3', 'exponent notation'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    [Number.POSITIVE_INFINITY, 'an infinite number'],
    ['99999999999', 'more seconds than an Int holds'],
    ['999999:00:00', 'a clock beyond an Int'],
    ['10%', 'a percentage'],
    ['1608274919000', 'an epoch-millisecond time (beyond an Int)'],
  ] as const)('answers null for %j (%s), never an error', (wire, _why) => {
    expect(durationSeconds(wire)).toBeNull();
  });

  it('never throws, whatever string arrives', () => {
    const alphabet = '0123456789:.,- hmsdayinute秒分时天小钟x';
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = i % 24;
      for (let j = 0; j < length; j++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      const seconds = durationSeconds(text);
      expect(seconds === null || (Number.isInteger(seconds) && seconds >= 0 && seconds < 2 ** 31)).toBe(true);
    }
  });
});
