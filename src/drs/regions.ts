/**
 * Huawei Cloud region ids and the service endpoints they imply (REFERENCE §11; the Go SDK's
 * `services/drs/v3/region/region.go` and `services/iam/v3/region/region.go`).
 */

/** `cn-north-4`, `ap-southeast-1`, `my-kualalumpur-1`, `eu-west-101`: letters in dashed words, then a number. */
export const REGION_ID = /^[a-z]{2}(?:-[a-z]+)+-\d{1,3}$/;

/** Regions served under another domain than `myhuaweicloud.com` (Huawei Cloud Europe, Dublin). */
const DOMAIN_EXCEPTIONS: Readonly<Record<string, string>> = { 'eu-west-101': 'myhuaweicloud.eu' };

export type RegionalService = 'drs' | 'iam';

/**
 * `https://{service}.{region}.myhuaweicloud.com`, or the region's own domain. A well-formed id the
 * SDKs do not list yet still maps by the pattern: Huawei opens regions more often than SDKs ship.
 */
export function regionEndpoint(service: RegionalService, region: string): string {
  return `https://${service}.${region}.${DOMAIN_EXCEPTIONS[region] ?? 'myhuaweicloud.com'}`;
}
