import { replyEscalationTime, replyEscalationTimes } from '../../src/domain/sla';
import { calendarFromOverrides } from '../../src/domain/working-calendar';

// The LISTED escalation moment (5 working days after the reply deadline) and its memoised form for imports.

const official = calendarFromOverrides(new Map());
const sh = (local: string) => new Date(`${local}+08:00`);

test('5 working days after the deadline, to the end of the day, across the Spring Festival', () => {
  expect(replyEscalationTime(sh('2026-03-05T00:00:00'), official, 'Asia/Shanghai')).toEqual(sh('2026-03-13T00:00:00'));
  expect(replyEscalationTime(sh('2026-03-06T18:00:00'), official, 'Asia/Shanghai')).toEqual(sh('2026-03-14T00:00:00'));
  // Friday 13 February 2026: the adjusted Saturday 14th, then 24–27 February after the holiday.
  expect(replyEscalationTime(sh('2026-02-13T10:00:00'), official, 'Asia/Shanghai')).toEqual(sh('2026-02-28T00:00:00'));
});

test.each(['Asia/Shanghai', 'Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe'])('the memoised form agrees everywhere (%s)', (tz) => {
  const memo = replyEscalationTimes(official, tz);
  // Three days around the Spring Festival and three around New York's change to summer time, every 7 min 13 s.
  const mismatches: string[] = [];
  for (const start of [Date.UTC(2026, 1, 12), Date.UTC(2026, 2, 7)]) {
    for (let t = start; t < start + 3 * 86_400_000; t += 7 * 60_000 + 13_000) {
      const due = new Date(t);
      if (memo(due).getTime() !== replyEscalationTime(due, official, tz).getTime()) mismatches.push(due.toISOString());
    }
  }
  expect(mismatches).toEqual([]);
});
