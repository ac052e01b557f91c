import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../src/origin-rule.js';

describe('origin rule for transports browsers do not police', () => {
  it('follows CORS_ORIGINS: own origin and non-browsers always, others only when listed or *', () => {
    const host = 'gw.example.com:4000';
    expect(originAllowed(undefined, host, undefined)).toBe(true);
    expect(originAllowed('https://gw.example.com:4000', host, undefined)).toBe(true);
    expect(originAllowed('https://GW.example.com:4000', 'GW.example.com:4000', undefined)).toBe(true);
    expect(originAllowed('https://gw.example.com', host, undefined)).toBe(false);
    expect(originAllowed('https://dash.example.com', host, undefined)).toBe(false);
    expect(originAllowed('https://dash.example.com', host, ['https://dash.example.com'])).toBe(true);
    expect(originAllowed('https://evil.example.com', host, ['https://dash.example.com'])).toBe(false);
    expect(originAllowed('https://evil.example.com', host, ['*'])).toBe(true);
    expect(originAllowed('null', host, undefined)).toBe(false);
    expect(originAllowed('not a url', undefined, undefined)).toBe(false);
  });
});
