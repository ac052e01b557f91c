import { Counter, type Registry } from 'prom-client';
import type { IamTokenSource } from '../drs/iam-token.js';

/** IAM token requests of the gateway's own user (DRS_IAM_*), by outcome: a rise of `rejected` wants a person. */
export function iamMetrics(registry: Registry, iam: IamTokenSource): void {
  new Counter({
    name: 'drs_gateway_iam_token_requests_total',
    help: 'IAM token requests made for the gateway’s own credential, by outcome (ok, rejected, unavailable)',
    labelNames: ['outcome'],
    registers: [registry],
    // Read at scrape time from the source's own tally, so the token code needs no metrics hook.
    collect() {
      this.reset();
      for (const [outcome, count] of Object.entries(iam.counts)) this.inc({ outcome }, count);
    },
  });
}
