import { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { CalendarCache } from '../services/calendar-cache';

/** What every job handler needs: the database, the (injectable) clock, the hotline's time zone and calendar. */
export interface JobDeps {
  dataSource: DataSource;
  clock: Clock;
  /** HOTLINE_TZ: working days and the deadlines shown in messages. */
  timeZone: string;
  calendars: CalendarCache;
}
