import { DataSource } from 'typeorm';
import { PersonalDataView } from '../entities';

/**
 * Collects every unmasked view of personal data during one GraphQL request and writes them in one
 * statement before the response leaves (DESIGN.md §3: who saw whose data, when, through which request).
 */
export class PersonalDataAudit {
  private readonly views = new Map<string, { citizenId: string; requestId: string | null; fields: Set<string> }>();

  constructor(private readonly viewerId: string | null) {}

  record(citizenId: string, requestId: string | null, field: 'name' | 'phone'): void {
    if (!this.viewerId) return;
    const key = `${citizenId}:${requestId ?? ''}`;
    const view = this.views.get(key) ?? { citizenId, requestId, fields: new Set<string>() };
    view.fields.add(field);
    this.views.set(key, view);
  }

  async flush(dataSource: DataSource, operation: string | null, at: Date): Promise<void> {
    if (!this.viewerId || this.views.size === 0) return;
    const rows = [...this.views.values()].map((v) => ({
      viewerId: this.viewerId!, citizenId: v.citizenId, requestId: v.requestId, fields: [...v.fields].sort(),
      operation: operation?.slice(0, 100) ?? null, viewedAt: at,
    }));
    this.views.clear();
    await dataSource.getRepository(PersonalDataView).insert(rows);
  }
}
