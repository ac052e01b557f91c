import { badUserInput } from './errors.js';
import { tooComplex } from './limits/query-limits.js';

/**
 * The distinct job ids one operation may name across all its fields (`MAX_IDS_PER_QUERY`): aliases
 * of `jobs`, `job` or `_entities` with other ids would otherwise spend the caller's DRS quota
 * without bound (a 1 MB body holds ~25,000 ids). Ids already claimed cost nothing again upstream,
 * but each still costs an answer: `maxResults` (`MAX_JOB_RESULTS`) bounds the jobs one answer
 * holds, repeats included (aliases of one `jobs(ids:)` over the same 1,000 ids once built 69 MB).
 */
export class JobBudget {
  readonly #claimed = new Set<string>();
  #results = 0;

  /** `onRefused` hears each refusal (metrics). */
  constructor(
    readonly max: number,
    private readonly onRefused?: () => void,
    private readonly maxResults = max * 5,
  ) {}

  /** Claims the ids of one field, all or none: past the budget the whole field fails. */
  claim(ids: readonly string[]): void {
    if (this.#results + ids.length > this.maxResults) {
      this.onRefused?.();
      throw tooComplex(
        `At most ${this.maxResults} jobs per answer, repeats included (MAX_JOB_RESULTS); this field would bring it to ${this.#results + ids.length}`,
        'MAX_JOB_RESULTS',
      );
    }
    const fresh = new Set<string>();
    for (const id of ids) if (!this.#claimed.has(id)) fresh.add(id);
    const total = this.#claimed.size + fresh.size;
    if (total > this.max) {
      this.onRefused?.();
      throw badUserInput(`At most ${this.max} distinct job ids per operation (this field would bring it to ${total})`);
    }
    for (const id of fresh) this.#claimed.add(id);
    this.#results += ids.length;
  }
}
