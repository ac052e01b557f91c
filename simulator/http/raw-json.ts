/**
 * Pre-serialised JSON for hot answers. A batch of 100 job details is ~240 KB of JSON; copying
 * cached per-job UTF-8 fragments into one buffer instead of stringifying and encoding fresh
 * objects is what keeps batch-detail within its latency budget (bench/simulator.ts).
 */

/** Serialised JSON: cached byte fragments and small per-answer strings, in order. */
export class RawJson {
  constructor(readonly chunks: readonly (Buffer | string)[]) {}
}

function collect(out: (Buffer | string)[], v: unknown): void {
  if (v instanceof RawJson) out.push(...v.chunks);
  else if (Array.isArray(v) && v.some((x) => x instanceof RawJson)) {
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(',');
      collect(out, x);
    });
    out.push(']');
  } else out.push(JSON.stringify(v) ?? 'null');
}

/**
 * The UTF-8 JSON of an answer body that may hold RawJson values at the top level or as items
 * of top-level arrays (`{count, results: [RawJson…]}`): the same bytes JSON.stringify would give
 * for the parsed fragments, written into a single buffer.
 */
export function serialize(body: unknown): Buffer {
  const out: (Buffer | string)[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body) || body instanceof RawJson) collect(out, body);
  else {
    let sep = '{';
    for (const [k, v] of Object.entries(body)) {
      if (v === undefined) continue;
      out.push(`${sep}${JSON.stringify(k)}:`);
      collect(out, v);
      sep = ',';
    }
    out.push(sep === '{' ? '{}' : '}');
  }
  let size = 0;
  for (const c of out) size += typeof c === 'string' ? Buffer.byteLength(c) : c.length;
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  for (const c of out) at += typeof c === 'string' ? buf.write(c, at) : c.copy(buf, at);
  return buf;
}

const markers = new Map<string, Buffer>();
/** The bytes a hole's placeholder serialises to (made once per hole name). */
function marker(hole: string): Buffer {
  let m = markers.get(hole);
  if (!m) {
    m = Buffer.from(JSON.stringify(`\u0001${hole}\u0001`));
    markers.set(hole, m);
  }
  return m;
}

/** A JSON template: an object serialised once, with named string holes filled per answer. */
export class JsonTemplate {
  private readonly parts: Buffer[] = [];
  private readonly holes: string[] = [];

  /**
   * `holes` are keys of `object` whose (string) values change between answers. The object is
   * used as scratch (its hole members are overwritten): pass a fresh one.
   */
  constructor(object: Record<string, unknown>, holes: readonly string[]) {
    const present = holes.filter((h) => h in object);
    for (const h of present) object[h] = `\u0001${h}\u0001`;
    // Encoded once; the parts are views into it, cut at the (ASCII) markers' byte offsets.
    const bytes = Buffer.from(JSON.stringify(object));
    const found = present.map((h) => ({ h, m: marker(h), at: bytes.indexOf(marker(h)) }));
    found.sort((a, b) => a.at - b.at);
    let from = 0;
    for (const { h, m, at } of found) {
      this.parts.push(bytes.subarray(from, at));
      this.holes.push(h);
      from = at + m.length;
    }
    this.parts.push(bytes.subarray(from));
  }

  /**
   * Fills every hole from `values` and appends the `extra` members (keys the template lacks),
   * exactly where JSON.stringify of `{...object, ...values, ...extra}` would put them.
   */
  fill(values: Readonly<Record<string, string>>, extra?: Readonly<Record<string, string>>): RawJson {
    const chunks: (Buffer | string)[] = [this.parts[0] as Buffer];
    for (let i = 0; i < this.holes.length; i++) {
      chunks.push(JSON.stringify(values[this.holes[i] as string]), this.parts[i + 1] as Buffer);
    }
    if (extra) {
      const last = chunks.pop() as Buffer;
      let tail = '';
      for (const [k, v] of Object.entries(extra)) tail += `,${JSON.stringify(k)}:${JSON.stringify(v)}`;
      chunks.push(last.subarray(0, last.length - 1), `${tail}}`);
    }
    return new RawJson(chunks);
  }
}
