import { badInput } from '../domain/errors';

// Relay object identification: IDs are opaque, globally unique strings ("ServiceRequest:42", base64url).

export type NodeTypeName =
  | 'Staff' | 'Department' | 'Category' | 'Region' | 'Citizen' | 'ServiceRequest' | 'Assignment'
  | 'ExtensionRequest' | 'FollowUp' | 'TimelineEvent' | 'Notification' | 'HotspotAlert' | 'DepartmentWebhook' | 'WebhookDelivery' | 'RoutingRule'
  | 'KnowledgeArticle';

const NODE_TYPES = new Set<string>([
  'Staff', 'Department', 'Category', 'Region', 'Citizen', 'ServiceRequest', 'Assignment',
  'ExtensionRequest', 'FollowUp', 'TimelineEvent', 'Notification', 'HotspotAlert', 'DepartmentWebhook', 'WebhookDelivery', 'RoutingRule',
  'KnowledgeArticle',
]);

export function toGlobalId(type: NodeTypeName, dbId: string): string {
  return Buffer.from(`${type}:${dbId}`, 'utf8').toString('base64url');
}

/** Decodes any global id; null when it is not one of ours. */
export function parseGlobalId(id: string): { type: NodeTypeName; dbId: string } | null {
  if (typeof id !== 'string' || id.length > 100 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const m = /^([A-Za-z]+):([1-9][0-9]{0,17})$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  if (!m || !NODE_TYPES.has(m[1])) return null;
  return { type: m[1] as NodeTypeName, dbId: m[2] };
}

/** The database id behind a global id of the expected type; anything else is the caller's mistake. */
export function fromGlobalId(id: string, expected: NodeTypeName, field = 'id'): string {
  const parsed = parseGlobalId(id);
  if (!parsed || parsed.type !== expected) throw badInput(`${field} is not a valid ${expected} id`, { field });
  return parsed.dbId;
}
