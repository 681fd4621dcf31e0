import { DataSource } from 'typeorm';
import { ManualClock } from '../clock';
import { Channel, RequestType, Urgency } from '../domain/enums';
import { CalendarCache } from '../services/calendar-cache';
import { createServiceRequest } from '../services/intake.service';
import { UnitOfWork } from '../services/unit-of-work';
import { loadDemoCast } from './demo-cast';

// A problem growing in one district overnight, so that a newcomer sees a hotspot (DESIGN.md §7) on the
// dashboard: nine calls in the last hours about night-time construction noise around one site in 南湖区.

const CALLS = [
  '工地夜间施工噪音太大，凌晨还在打桩', '南湖路工地半夜机器轰鸣，孩子无法入睡', '夜里十二点后还在浇筑混凝土，噪音扰民',
  '建筑工地夜间施工未见公示的夜间施工许可', '工地渣土车夜间进出，鸣笛声很吵', '连续三晚工地施工到凌晨两点',
  '老人心脏不好，夜间施工噪音影响休息', '小区旁工地夜间切割钢筋声音刺耳', '夜间施工灯光和噪音都很严重，请尽快处理',
];

export async function seedDemoHotspot(deps: { dataSource: DataSource; timeZone: string; now?: Date }): Promise<number> {
  const end = deps.now ?? new Date();
  const clock = new ManualClock(end);
  const uow = new UnitOfWork(deps.dataSource, clock, deps.timeZone, new CalendarCache());
  const cast = await loadDemoCast(deps.dataSource);
  for (const [i, text] of CALLS.entries()) {
    clock.set(new Date(end.getTime() - (CALLS.length - i) * 95 * 60_000)); // one every ~1.5 h, the last just now
    await uow.run(cast.agent(i % 2 ? 'agent02' : 'agent01'), (ctx) => createServiceRequest(ctx, {
      channel: Channel.PHONE, type: RequestType.COMPLAINT, urgency: Urgency.NORMAL, confidential: false,
      title: '夜间施工噪音扰民', content: `${text}（南湖区新华街道南湖路88号建筑工地）`,
      categoryCode: 'ENV_NOISE', regionCode: 'D03S03', address: '南湖区新华街道南湖路88号',
      citizen: { anonymous: true },
    }));
  }
  return CALLS.length;
}
