import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { KnowledgeArticleStatus } from '../domain/knowledge';
import { References } from './references';
import { Category } from './category.entity';
import { Staff } from './staff.entity';

// The current version of a knowledge-base article (知识库); every version as written, this one included,
// is in knowledge_article_version.
@Entity('knowledge_article')
@Index('knowledge_article_updated_idx', ['updatedAt', 'id'])
@Index('knowledge_article_category_idx', ['categoryId'])
// Trigram GIN indexes serve ILIKE '%…%' and similarity over Chinese text (SQL in the migration).
@Index('knowledge_article_title_trgm_idx', { synchronize: false })
@Index('knowledge_article_body_trgm_idx', { synchronize: false })
export class KnowledgeArticle {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'bigint', nullable: true })
  categoryId: string | null;

  @Column({ type: 'enum', enum: KnowledgeArticleStatus, enumName: 'knowledge_article_status' })
  status: KnowledgeArticleStatus;

  /** 1 when created, +1 per edit; publishing does not change the content, so not the version either. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validTo: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'bigint' })
  updatedById: string;

  // Foreign keys (never loaded; see references.ts).
  @References(() => Category, 'category_id', true)
  private readonly categoryRef?: unknown;
  @References(() => Staff, 'updated_by_id')
  private readonly updatedByRef?: unknown;
}
