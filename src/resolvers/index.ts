import { AdministrationResolver } from './administration.resolver';
import {
  AssignmentFieldsResolver, ExtensionRequestFieldsResolver, FollowUpFieldsResolver, TimelineEventFieldsResolver,
} from './assignment-fields.resolver';
import { AuthResolver } from './auth.resolver';
import { CenterResolver } from './center.resolver';
import { CitizenResolver } from './citizen.resolver';
import { DepartmentResolver } from './department.resolver';
import { IntakeResolver } from './intake.resolver';
import { KnowledgeArticleResolver, KnowledgeArticleVersionResolver } from './knowledge.resolver';
import { KpiResolver } from './kpi.resolver';
import { NodeResolver } from './node.resolver';
import { NotificationResolver } from './notification.resolver';
import { CategoryFieldsResolver, DepartmentFieldsResolver, RegionFieldsResolver, StaffFieldsResolver } from './organisation.resolver';
import { ServiceRequestFieldsResolver } from './service-request-fields.resolver';
import { RoutingResolver } from './routing.resolver';
import { ServiceRequestResolver } from './service-request.resolver';
import { DepartmentWebhookResolver, WebhookDeliveryResolver } from './webhook.resolver';

export const RESOLVERS = [
  AuthResolver, ServiceRequestResolver, ServiceRequestFieldsResolver, CitizenResolver, IntakeResolver, CenterResolver,
  DepartmentResolver, AssignmentFieldsResolver, ExtensionRequestFieldsResolver, FollowUpFieldsResolver,
  TimelineEventFieldsResolver, DepartmentFieldsResolver, CategoryFieldsResolver, RegionFieldsResolver, StaffFieldsResolver,
  AdministrationResolver, NodeResolver, RoutingResolver, KpiResolver, NotificationResolver,
  DepartmentWebhookResolver, WebhookDeliveryResolver, KnowledgeArticleResolver, KnowledgeArticleVersionResolver,
] as const;
