/**
 * DRS job ids look like UUIDs (36 characters, hyphens at 8/13/18/23) but end in a DRS suffix such as
 * `…f7aa730jb101`, so they are not hex: accept lowercase letters and digits in every group.
 */
const JOB_ID = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/;

export function isJobId(value: string): boolean {
  return JOB_ID.test(value);
}
