import { Field, ObjectType } from 'type-graphql';
import { Role } from './enums';
import { NodeInterface } from './node.type';

@ObjectType('Staff', { simpleResolvers: true, implements: NodeInterface })
export class StaffType extends NodeInterface {
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => [Role]) roles: Role[];
  @Field(() => DepartmentType, { nullable: true, description: 'set for liaisons' }) department: DepartmentType | null;
}

@ObjectType('Department', { simpleResolvers: true, implements: NodeInterface })
export class DepartmentType extends NodeInterface {
  @Field({ description: 'stable, e.g. "URBAN"' }) code: string;
  @Field() name: string;
  @Field(() => DepartmentType, { nullable: true }) parent: DepartmentType | null;
  @Field(() => [DepartmentType]) children: DepartmentType[];
  @Field(() => [StaffType]) liaisons: StaffType[];
}

@ObjectType('Category', { simpleResolvers: true, implements: NodeInterface })
export class CategoryType extends NodeInterface {
  @Field() code: string;
  @Field() name: string;
  @Field(() => CategoryType, { nullable: true }) parent: CategoryType | null;
  @Field(() => [CategoryType]) children: CategoryType[];
}

@ObjectType('Region', { simpleResolvers: true, implements: NodeInterface })
export class RegionType extends NodeInterface {
  @Field() code: string;
  @Field() name: string;
  @Field(() => RegionType, { nullable: true }) parent: RegionType | null;
  @Field(() => [RegionType]) children: RegionType[];
}

@ObjectType('AuthPayload', { simpleResolvers: true })
export class AuthPayloadType {
  @Field() token: string;
  @Field(() => StaffType) staff: StaffType;
}

