import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { KnowledgeArticle } from './knowledge-article.entity';
import { Staff } from './staff.entity';

// Append-only history: one row per version of an article as it was written, so what an agent read out
// on a given day can be shown later even after the article was corrected.
@Entity('knowledge_article_version')
@Index('knowledge_article_version_key', ['articleId', 'version'], { unique: true })
export class KnowledgeArticleVersion {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  articleId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'timestamptz' })
  editedAt: Date;

  @Column({ type: 'bigint' })
  editedById: string;

  // Foreign keys (never loaded; see references.ts).
  @References(() => KnowledgeArticle, 'article_id')
  private readonly articleRef?: unknown;
  @References(() => Staff, 'edited_by_id')
  private readonly editedByRef?: unknown;
}
