import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Channel, RequestStatus, RequestType, SupervisionLevel, Urgency } from '../domain/enums';
import { References } from './references';
import { Assignment } from './assignment.entity';
import { Category } from './category.entity';
import { Citizen } from './citizen.entity';
import { KnowledgeArticle } from './knowledge-article.entity';
import { Region } from './region.entity';
import { Staff } from './staff.entity';

@Entity('service_request')
@Index('service_request_registered_by_idem_key', ['registeredById', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('service_request_status_created_idx', ['status', 'createdAt', 'id'])
@Index('service_request_created_idx', ['createdAt', 'id'])
@Index('service_request_citizen_idx', ['citizenId', 'createdAt'])
@Index('service_request_category_idx', ['categoryId', 'createdAt'])
@Index('service_request_region_idx', ['regionId', 'createdAt'])
@Index('service_request_owner_idx', ['ownerId'])
@Index('service_request_merged_into_idx', ['mergedIntoId'])
@Index('service_request_knowledge_article_idx', ['knowledgeArticleId'])
// The foreign key's own index: deleting an assignment must not scan every request.
@Index('service_request_lead_assignment_idx', ['leadAssignmentId'], { where: 'lead_assignment_id IS NOT NULL' })
@Index('service_request_open_due_idx', { synchronize: false })
// The deadline scan's follow-up lookups (partial, AWAITING_FOLLOW_UP only; SQL in the migration).
@Index('service_request_follow_up_warn_idx', { synchronize: false })
@Index('service_request_follow_up_due_idx', { synchronize: false })
@Index('service_request_title_trgm_idx', { synchronize: false })
@Index('service_request_content_trgm_idx', { synchronize: false })
@Index('service_request_code_trgm_idx', { synchronize: false })
// Requests whose code has non-ASCII characters, for two-character Chinese searches (partial; SQL in the migration).
@Index('service_request_code_non_ascii_idx', { synchronize: false })
// Routing and duplicate detection look up similar texts by their character bigrams (GIN; SQL in the migration).
@Index('service_request_text_bigrams_idx', { synchronize: false })
export class ServiceRequest {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'enum', enum: Channel, enumName: 'channel' })
  channel: Channel;

  @Column({ type: 'enum', enum: RequestType, enumName: 'request_type' })
  type: RequestType;

  @Column({ type: 'enum', enum: Urgency, enumName: 'urgency' })
  urgency: Urgency;

  @Column({ type: 'enum', enum: RequestStatus, enumName: 'request_status' })
  status: RequestStatus;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  /**
   * The character bigrams of title and content, kept by a trigger (text_bigrams() in the Routing migration),
   * so that every writer, imports included, keeps it right. Never loaded or written by the application.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  textBigrams: string | null;

  @Column({ type: 'bigint' })
  categoryId: string;

  @Column({ type: 'bigint', nullable: true })
  regionId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'bigint', nullable: true })
  citizenId: string | null;

  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'bigint' })
  registeredById: string;

  @Column({ type: 'bigint' })
  ownerId: string;

  // The current lead assignment (null before dispatch and after a return); kept by the services.
  @Column({ type: 'bigint', nullable: true })
  leadAssignmentId: string | null;

  // Handling round: 1 = first handling, +1 per re-handling (重办).
  @Column({ type: 'int', default: 1 })
  round: number;

  // The deadline that matters now (sign-for, reply or follow-up), denormalised so that `overdue`
  // filters and the deadline scan are index lookups. Null when no step is running against a clock.
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  followUpDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  followUpWarnAt: Date | null;

  @Column({ type: 'int', default: 0 })
  reopenCount: number;

  @Column({ type: 'int', default: 0 })
  unreachedAttempts: number;

  @Column({ type: 'enum', enum: SupervisionLevel, enumName: 'supervision_level', nullable: true })
  supervisionLevel: SupervisionLevel | null;

  @Column({ type: 'bigint', nullable: true })
  mergedIntoId: string | null;

  @Column({ type: 'text', nullable: true })
  intakeAnswer: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAtIntakeAt: Date | null;

  /** The knowledge-base article the intake answer was given from, if the agent named one. */
  @Column({ type: 'bigint', nullable: true })
  knowledgeArticleId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  // Foreign keys (never loaded; see references.ts).
  @References(() => Category, 'category_id')
  private readonly categoryRef?: unknown;
  @References(() => Region, 'region_id', true)
  private readonly regionRef?: unknown;
  @References(() => Citizen, 'citizen_id', true)
  private readonly citizenRef?: unknown;
  @References(() => Staff, 'registered_by_id')
  private readonly registeredByRef?: unknown;
  @References(() => Staff, 'owner_id')
  private readonly ownerRef?: unknown;
  @References(() => Assignment, 'lead_assignment_id', true)
  private readonly leadAssignmentRef?: unknown;
  @References(() => ServiceRequest, 'merged_into_id', true)
  private readonly mergedIntoRef?: unknown;
  @References(() => KnowledgeArticle, 'knowledge_article_id', true)
  private readonly knowledgeArticleRef?: unknown;
}
