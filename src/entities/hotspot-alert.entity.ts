import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Category } from './category.entity';
import { Region } from './region.entity';

/** A category growing suddenly in one district (DESIGN.md §7): one alert per (category, district, local day). */
@Entity('hotspot_alert')
@Index('hotspot_alert_pair_day_key', ['categoryId', 'regionId', 'day'], { unique: true })
@Index('hotspot_alert_window_idx', ['windowEnd'])
export class HotspotAlert {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'bigint' }) categoryId: string;
  @Column({ type: 'bigint' }) regionId: string;
  @Column({ type: 'date' }) day: string;
  @Column({ type: 'timestamptz' }) windowStart: Date;
  @Column({ type: 'timestamptz' }) windowEnd: Date;
  @Column({ type: 'int' }) count: number;
  @Column({ type: 'double precision' }) baseline: number;
  @Column({ type: 'double precision' }) score: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;

  @References(() => Category, 'category_id')
  private readonly categoryRef?: unknown;
  @References(() => Region, 'region_id')
  private readonly regionRef?: unknown;
}
