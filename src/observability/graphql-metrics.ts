import { Counter, Histogram, Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label';
import { RequestObservation } from './request-scope';

/** Distinct operation names / error codes kept as labels; later newcomers are `other` / `OTHER`. */
const MAX_OPERATION_NAMES = 100;
const MAX_ERROR_CODES = 50;

/** Label of an operation without a name (`{ me { id } }`). */
export const ANONYMOUS = 'anonymous';
/** Label of a request that never became an executable operation: unparsable, invalid, refused at HTTP level. */
export const UNRESOLVED = 'unresolved';

export type Outcome = 'ok' | 'error';

/**
 * Rate and latency of GraphQL requests per operation (one histogram: its `_count` is the rate), and errors per
 * operation and code. Labels stay bounded: operation types are four values, outcomes two, names and codes capped.
 */
export class GraphQLMetrics {
  private readonly names = new BoundedLabel(MAX_OPERATION_NAMES, /^[_A-Za-z][_0-9A-Za-z]{0,63}$/, 'other');
  private readonly codes = new BoundedLabel(MAX_ERROR_CODES, /^[A-Z][A-Z0-9_]{0,63}$/, 'OTHER');
  private readonly duration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly errors: Counter<'operation' | 'code'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'hotline_graphql_request_duration_seconds',
      help: 'GraphQL requests over HTTP, from arrival to the last byte of the response, by operation name, type and outcome.',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'hotline_graphql_errors_total',
      help: 'Errors in GraphQL responses by operation and extensions.code (HTTP_<status> when refused before GraphQL ran).',
      labelNames: ['operation', 'code'],
      registers: [registry],
    });
  }

  record(o: RequestObservation, seconds: number): void {
    const operation = this.operationLabel(o);
    const type = o.operation?.type ?? 'unknown';
    const outcome: Outcome = o.errorCodes.length ? 'error' : 'ok';
    this.duration.observe({ operation, type, outcome }, seconds);
    for (const code of o.errorCodes) this.errors.inc({ operation, code: this.codes.value(code) });
  }

  private operationLabel(o: RequestObservation): string {
    if (!o.operation) return UNRESOLVED;
    return o.operation.name === null ? ANONYMOUS : this.names.value(o.operation.name);
  }
}
