/** Aggregates a V8 `.cpuprofile` (from `node --cpu-prof`) by function + script, and by library. */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Entry {
  key: string;
  samples: number;
  /** Share of the busy (non-idle) samples. */
  percent: number;
}

export interface Summary {
  /** Wall time the kept samples span. */
  wallMs: number;
  samples: number;
  idleSamples: number;
  self: Entry[];
  inclusive: Entry[];
  /** Self samples per library / area; these add up to 100 % of busy samples. */
  categories: Entry[];
  /** Samples with an area anywhere on the stack (what that area costs, callees included); overlaps. */
  categoriesInclusive: Entry[];
}

const IDLE = '(idle)';

const ROOT = new URL('..', import.meta.url).href;

/**
 * `file:///…/node_modules/graphql/execution/execute.js` → `graphql/execution/execute.js`;
 * `file:///…/src/x.ts` and the compiled `file:///…/dist/src/x.js` → `src/x.ts` / `src/x.js`.
 */
export function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const local = url.startsWith(ROOT) ? url.slice(ROOT.length) : url;
  return local.startsWith('dist/') ? local.slice('dist/'.length) : local;
}

function keyOf(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : name;
}

/** The area a frame belongs to, by its script: what a change in src/ could remove or replace. */
export function categoryOf(frame: CallFrame): string {
  const url = shortUrl(frame.url);
  if (!frame.url) {
    if (frame.functionName.startsWith('(')) return frame.functionName;
    if (/^(parse|stringify)$/.test(frame.functionName)) return `native JSON.${frame.functionName}`;
    return 'native (V8 builtins, C++)';
  }
  const rules: [RegExp, string][] = [
    [/^@graphql-tools\/executor\//, '@graphql-tools/executor (the execute yoga runs)'],
    [/^graphql\/execution\//, 'graphql-js execute'],
    [/^graphql\/(language)\//, 'graphql-js parse/print'],
    [/^graphql\/validation\//, 'graphql-js validate'],
    [/^graphql\//, 'graphql-js other (types, values, jsutils)'],
    [/^@envelop\//, '@envelop'],
    [/^graphql-yoga\/|^@graphql-yoga\//, 'graphql-yoga'],
    [/^@whatwg-node\//, '@whatwg-node (fetch API adapter)'],
    [/^@graphql-tools\//, '@graphql-tools/utils (args, paths, errors)'],
    [/^@pothos\//, '@pothos'],
    [/^undici\//, 'undici'],
    [/^dataloader\//, 'dataloader'],
    [/^graphql-scalars\//, 'graphql-scalars'],
    [/^src\/drs\//, 'src/drs (client, signing, limits)'],
    [/^src\/schema\//, 'src/schema (resolvers, mapping)'],
    [/^src\/execution\//, 'src/execution (planned executor)'],
    [/^src\//, 'src (context, loaders, errors)'],
    [/^bench\//, 'bench child glue'],
    [/^tsx\//, 'tsx loader'],
    [/^node:/, 'node core (http, streams, timers…)'],
    [/^wasm:/, 'undici (llhttp wasm parser)'],
  ];
  for (const [pattern, name] of rules) if (pattern.test(url)) return name;
  return `other: ${url.split('/')[0]}`;
}

function ranked(totals: Map<string, number>, busy: number, top: number): Entry[] {
  return [...totals]
    .map(([key, samples]) => ({ key, samples, percent: (100 * samples) / busy }))
    .sort((a, b) => b.samples - a.samples)
    .slice(0, top);
}

/** The event loop's own frames: on every stack, so as an "area" they say nothing. */
const SCHEDULING = new Set(['node core (http, streams, timers…)', 'native (V8 builtins, C++)', '(program)']);

/**
 * Counts samples, not their time deltas: on this shared machine the process is often descheduled, and
 * a delta then measures the wait, not the frame. Self goes to the sampled frame; inclusive to every
 * distinct function on its stack (once per sample, so recursion is not double counted).
 */
export function summarize(profile: CpuProfile, top = 15, window?: { fromMicros: number; toMicros: number }): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const categories = new Map<string, number>();
  const categoriesInclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let samples = 0;
  let idleSamples = 0;
  let first: number | undefined;
  let last = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    // Start-up (module loading, tsx compiling) and warm-up are not what a query costs.
    if (window && (at < window.fromMicros || at > window.toMicros)) continue;
    first ??= at;
    last = at;
    samples++;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === IDLE) {
      idleSamples++;
      continue;
    }
    add(self, keyOf(node.callFrame));
    add(categories, categoryOf(node.callFrame));
    const onStack = new Set<string>();
    const areas = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(root)') continue;
      onStack.add(keyOf(frame));
      const area = categoryOf(frame);
      if (!SCHEDULING.has(area)) areas.add(area);
    }
    for (const key of onStack) add(inclusive, key);
    for (const area of areas) add(categoriesInclusive, area);
  }
  const busy = samples - idleSamples;
  return {
    wallMs: (last - (first ?? last)) / 1000,
    samples,
    idleSamples,
    self: ranked(self, busy, top),
    inclusive: ranked(inclusive, busy, top),
    categories: ranked(categories, busy, Number.POSITIVE_INFINITY),
    categoriesInclusive: ranked(categoriesInclusive, busy, Number.POSITIVE_INFINITY),
  };
}

/** `cpuMsPerQuery` (from process.cpuUsage) turns each share into an estimate of ms per query. */
export function renderSummary(summary: Summary, cpuMsPerQuery?: number): string {
  const estimate = (e: Entry) =>
    cpuMsPerQuery === undefined ? '' : ` ${((e.percent / 100) * cpuMsPerQuery).toFixed(2)} |`;
  const table = (title: string, entries: Entry[]) => [
    '',
    `| ${title} | samples | % of busy |${cpuMsPerQuery === undefined ? '' : ' ≈ ms/query |'}`,
    `|---|---:|---:|${cpuMsPerQuery === undefined ? '' : '---:|'}`,
    ...entries.map((e) => `| \`${e.key}\` | ${e.samples} | ${e.percent.toFixed(1)} |${estimate(e)}`),
  ];
  return [
    `${summary.samples} samples over ${(summary.wallMs / 1000).toFixed(1)} s, ${summary.samples - summary.idleSamples} busy.`,
    ...table('area (self)', summary.categories),
    ...table(
      'area (inclusive: on the stack, callees included; overlaps; event-loop frames left out)',
      summary.categoriesInclusive,
    ),
    ...table('function (self)', summary.self),
    ...table('function (inclusive)', summary.inclusive),
  ].join('\n');
}
