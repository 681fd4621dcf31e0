import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { KnowledgeArticleStatus } from '../domain/knowledge';
import { NodeInterface } from './node.type';
import { CategoryType, StaffType } from './organisation.types';
import { DateTimeScalar } from './scalars';

// The knowledge base (知识库): what agents read out to citizens. Agents, liaisons and analysts see published
// articles in force; supervisors and administrators see and edit all of them.

registerEnumType(KnowledgeArticleStatus, { name: 'KnowledgeArticleStatus' });

@ObjectType('KnowledgeArticleVersion', { simpleResolvers: true, description: 'one version of an article as it was written' })
export class KnowledgeArticleVersionType {
  @Field(() => Int) version: number;
  @Field() title: string;
  @Field() body: string;
  @Field(() => DateTimeScalar) editedAt: Date;
  @Field(() => StaffType) editedBy: StaffType;
}

@ObjectType('KnowledgeArticle', { simpleResolvers: true, implements: NodeInterface })
export class KnowledgeArticleType extends NodeInterface {
  @Field() title: string;
  @Field() body: string;
  @Field(() => CategoryType, { nullable: true }) category: CategoryType | null;
  @Field(() => KnowledgeArticleStatus) status: KnowledgeArticleStatus;
  @Field(() => Int, { description: '1 when created, +1 per edit' }) version: number;
  @Field(() => DateTimeScalar) validFrom: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'null: in force until changed' }) validTo: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) publishedAt: Date | null;
  @Field(() => DateTimeScalar) updatedAt: Date;
  @Field(() => StaffType) updatedBy: StaffType;
  @Field(() => [KnowledgeArticleVersionType], { description: 'every version, this one included; newest first' }) versions: KnowledgeArticleVersionType[];
  @Field(() => Int, { description: 'requests answered at intake with this article' }) usageCount: number;
  @Field(() => Float, { nullable: true, description: "share of satisfied among reached follow-ups of those answers; null when none" })
  satisfactionRate: number | null;
}

@InputType('KnowledgeArticleInput', { description: 'on update, an omitted optional field keeps its value and null clears it' })
export class KnowledgeArticleInput {
  @Field() @Length(1, 200) title: string;
  @Field() @Length(1, 20000) body: string;
  @Field(() => String, { nullable: true, description: 'a category code; null: none' }) @IsOptional() @MaxLength(64) categoryCode?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'in force from; defaults to now' }) validFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'in force until (exclusive), after validFrom; null: no end' }) validTo?: Date | null;
}
