import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { HotspotAlert } from '../entities';
import { GraphQLContext } from '../schema/context';
import { KpiRowType, KpiSeriesType } from '../schema/config.types';
import { toGlobalId } from '../schema/global-id';
import { KpiQueryInput } from '../schema/inputs';
import { CategoryType, RegionType } from '../schema/organisation.types';
import { HotspotAlertType } from '../schema/request.types';
import { DateTimeScalar } from '../schema/scalars';
import { listHotspots } from '../services/analytics/hotspot.service';
import { queryKpiSeries, queryKpis } from '../services/analytics/kpi-query.service';
import { ANALYTICS_READERS } from './roles';
import { read } from './support';

/** Dashboards: 三率 from the rollups, and hotspot alerts. Aggregates only: no personal data on these paths. */
@Resolver(() => HotspotAlertType)
export class KpiResolver {
  @Authorized(ANALYTICS_READERS)
  @Query(() => [KpiRowType])
  kpis(@Arg('query', () => KpiQueryInput) query: KpiQueryInput, @Ctx() ctx: GraphQLContext) {
    return read(ctx, (c) => queryKpis(c, query));
  }

  /** The same answer as `kpis`, one list per field: a fraction of the work and bytes for a chart's 1,000 points. */
  @Authorized(ANALYTICS_READERS)
  @Query(() => KpiSeriesType)
  kpiSeries(@Arg('query', () => KpiQueryInput) query: KpiQueryInput, @Ctx() ctx: GraphQLContext) {
    return read(ctx, (c) => queryKpiSeries(c, query));
  }

  @Authorized(ANALYTICS_READERS)
  @Query(() => [HotspotAlertType])
  hotspots(
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to?: Date | null,
  ) {
    return read(ctx, (c) => listHotspots(c, from, to));
  }

  @FieldResolver(() => ID)
  id(@Root() h: HotspotAlert) {
    return toGlobalId('HotspotAlert', h.id);
  }

  @FieldResolver(() => CategoryType)
  category(@Root() h: HotspotAlert, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.categoryById.load(h.categoryId);
  }

  @FieldResolver(() => RegionType, { nullable: true })
  region(@Root() h: HotspotAlert, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.regionById.load(h.regionId);
  }
}
