import { Category, Department, Region } from '../entities';
import { ServiceContext } from './service-context';

// The three trees are small (hundreds of rows) and read by every client at start-up: whole lists, by path,
// so that parents always come before their children.

export const listDepartments = (ctx: ServiceContext): Promise<Department[]> =>
  ctx.em.getRepository(Department).find({ order: { path: 'ASC' } });

export const listCategories = (ctx: ServiceContext): Promise<Category[]> =>
  ctx.em.getRepository(Category).find({ order: { path: 'ASC' } });

export const listRegions = (ctx: ServiceContext): Promise<Region[]> =>
  ctx.em.getRepository(Region).find({ order: { path: 'ASC' } });
