import { Assignment } from './assignment.entity';
import { CalendarDay } from './calendar-day.entity';
import { Category } from './category.entity';
import { Citizen } from './citizen.entity';
import { Department } from './department.entity';
import { ExtensionRequest } from './extension-request.entity';
import { FollowUp } from './follow-up.entity';
import { OutboxEvent } from './outbox-event.entity';
import { PersonalDataView } from './personal-data-view.entity';
import { Region } from './region.entity';
import { ServiceRequest } from './service-request.entity';
import { SlaPolicy } from './sla-policy.entity';
import { Staff } from './staff.entity';
import { TimelineEvent } from './timeline-event.entity';
import { Notification } from './notification.entity';
import { ReminderLedger } from './reminder-ledger.entity';
import { DepartmentWebhook } from './department-webhook.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { KpiRollup } from './kpi-rollup.entity';
import { KPI_ROLLUP_GRAIN_ENTITIES } from './kpi-rollup-grains.entity';
import { RollupDirtyDay } from './rollup-dirty-day.entity';
import { HotspotAlert } from './hotspot-alert.entity';
import { AnalyticsState } from './analytics-state.entity';
import { KnowledgeArticle } from './knowledge-article.entity';
import { KnowledgeArticleVersion } from './knowledge-article-version.entity';
import { RoutingRule } from './routing-rule.entity';
import { ImportRecord } from './import-record.entity';
import { RequestHourCount } from './request-hour-count.entity';
import { KpiContribution } from './kpi-contribution.entity';
import { RollupDirtyRequest } from './rollup-dirty-request.entity';
import { ReferenceVersion } from './reference-version.entity';

export {
  Assignment, CalendarDay, Category, Citizen, Department, ExtensionRequest, FollowUp, OutboxEvent,
  PersonalDataView, Region, ServiceRequest, SlaPolicy, Staff, TimelineEvent,
  Notification, ReminderLedger, DepartmentWebhook, WebhookDelivery, KpiRollup, RollupDirtyDay, HotspotAlert, AnalyticsState,
  KnowledgeArticle, KnowledgeArticleVersion, RoutingRule, ImportRecord, RequestHourCount, KpiContribution, RollupDirtyRequest, ReferenceVersion,
};

export const ENTITIES = [
  Assignment, CalendarDay, Category, Citizen, Department, ExtensionRequest, FollowUp, OutboxEvent,
  PersonalDataView, Region, ServiceRequest, SlaPolicy, Staff, TimelineEvent,
  Notification, ReminderLedger, DepartmentWebhook, WebhookDelivery, KpiRollup, RollupDirtyDay, HotspotAlert, AnalyticsState,
  KnowledgeArticle, KnowledgeArticleVersion, RoutingRule, ImportRecord, RequestHourCount, KpiContribution, RollupDirtyRequest, ReferenceVersion, ...KPI_ROLLUP_GRAIN_ENTITIES,
];
