import type { StructDetailType } from '../../src/drs/types.js';
import { RawJson } from '../http/raw-json.js';
import { epochString } from './core.js';
import type { LiveJob } from './live.js';
import { objectProgress, type SeededObject, seededObjects, structGeneratedAt } from './struct.js';

/** `,"src_DB":…,"dst_TB":…}`: everything of a list entry after its progress, serialised once per object. */
const tails = new WeakMap<SeededObject, string>();

function tailOf(object: SeededObject): string {
  let tail = tails.get(object);
  if (tail === undefined) {
    const { srcDb, name, dstDb } = object;
    tail = `,${JSON.stringify({ src_DB: srcDb, src_TB: name, dst_DB: dstDb, dst_TB: name }).slice(1)}`;
    tails.set(object, tail);
  }
  return tail;
}

/**
 * `JSON.stringify(buildStructDetail(job, type))`, byte for byte: the hot path of batch-struct-detail.
 * Only each entry's progress follows the clock, so the rest of every entry is written once.
 */
export function structDetailJson(job: LiveJob, type: StructDetailType): RawJson {
  const objects = seededObjects(job.anchor, type);
  let json = `{"job_id":${JSON.stringify(job.ref.id)},"struct_detail":{"list":[`;
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i] as SeededObject;
    json += `${i === 0 ? '' : ','}{"progress":${objectProgress(job, object.position)}${tailOf(object)}`;
  }
  json += `],"total_record":${objects.length},"create_time":${JSON.stringify(epochString(structGeneratedAt(job)))}}}`;
  return new RawJson([json]);
}
