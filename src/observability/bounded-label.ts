// Every distinct label value is a time series kept for ever by Prometheus. Operation names and error codes
// come from clients (an operation is named by whoever writes the query), so a client sending a new name per
// request would grow the label set without end. A bounded label admits the first `max` well-formed values it
// sees and reports every later newcomer as `overflow`; the hotline's own clients use a few dozen names.

export class BoundedLabel {
  private readonly admitted = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly wellFormed: RegExp,
    private readonly overflow: string,
  ) {}

  value(raw: string): string {
    if (this.admitted.has(raw)) return raw;
    if (!this.wellFormed.test(raw) || this.admitted.size >= this.max) return this.overflow;
    this.admitted.add(raw);
    return raw;
  }
}
