import { Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Category, Department, Region, Staff } from '../entities';
import { GraphQLContext } from '../schema/context';
import { toGlobalId } from '../schema/global-id';
import { CategoryType, DepartmentType, RegionType, StaffType } from '../schema/organisation.types';
import { listCategories, listDepartments, listRegions } from '../services/reference-data.service';
import { read } from './support';

// Reference data every client loads: the organisation, the category tree, the region tree. Any staff role.

@Resolver(() => DepartmentType)
export class DepartmentFieldsResolver {
  @Authorized()
  @Query(() => [DepartmentType])
  departments(@Ctx() ctx: GraphQLContext) {
    return read(ctx, listDepartments);
  }

  @FieldResolver(() => ID) id(@Root() d: Department) {
    return toGlobalId('Department', d.id);
  }

  @FieldResolver(() => DepartmentType, { nullable: true }) parent(@Root() d: Department, @Ctx() ctx: GraphQLContext) {
    return d.parentId ? ctx.loaders.departmentById.load(d.parentId) : null;
  }

  @FieldResolver(() => [DepartmentType]) children(@Root() d: Department, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.childrenByDepartmentId.load(d.id);
  }

  @FieldResolver(() => [StaffType]) liaisons(@Root() d: Department, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.liaisonsByDepartmentId.load(d.id);
  }
}

@Resolver(() => CategoryType)
export class CategoryFieldsResolver {
  @Authorized()
  @Query(() => [CategoryType])
  categories(@Ctx() ctx: GraphQLContext) {
    return read(ctx, listCategories);
  }

  @FieldResolver(() => ID) id(@Root() c: Category) {
    return toGlobalId('Category', c.id);
  }

  @FieldResolver(() => CategoryType, { nullable: true }) parent(@Root() c: Category, @Ctx() ctx: GraphQLContext) {
    return c.parentId ? ctx.loaders.categoryById.load(c.parentId) : null;
  }

  @FieldResolver(() => [CategoryType]) children(@Root() c: Category, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.childrenByCategoryId.load(c.id);
  }
}

@Resolver(() => RegionType)
export class RegionFieldsResolver {
  @Authorized()
  @Query(() => [RegionType])
  regions(@Ctx() ctx: GraphQLContext) {
    return read(ctx, listRegions);
  }

  @FieldResolver(() => ID) id(@Root() r: Region) {
    return toGlobalId('Region', r.id);
  }

  @FieldResolver(() => RegionType, { nullable: true }) parent(@Root() r: Region, @Ctx() ctx: GraphQLContext) {
    return r.parentId ? ctx.loaders.regionById.load(r.parentId) : null;
  }

  @FieldResolver(() => [RegionType]) children(@Root() r: Region, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.childrenByRegionId.load(r.id);
  }
}

@Resolver(() => StaffType)
export class StaffFieldsResolver {
  @FieldResolver(() => ID) id(@Root() s: Staff) {
    return toGlobalId('Staff', s.id);
  }

  @FieldResolver(() => DepartmentType, { nullable: true }) department(@Root() s: Staff, @Ctx() ctx: GraphQLContext) {
    return s.departmentId ? ctx.loaders.departmentById.load(s.departmentId) : null;
  }
}
