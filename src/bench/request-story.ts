import { textBigrams } from '../domain/routing';
import { SlaPolicyRule } from '../domain/sla';
import { formatDeadline } from '../jobs/messages';
import { between, chance, pick, Random } from '../seed/random';
import { AssignmentRow, RequestRow } from './history-rows';
import { policyKey, Reference } from './reference';
import { SlaClock } from './sla-clock';

// One request's life, simulated step by step the way the services would have written it (DESIGN.md §4):
// every transition moves the request and its assignments exactly as the service does and appends its
// timeline event; deadlines come from the SLA policy through the app's own arithmetic; reminders that the
// deadline scan would have fired by now are in the ledger and the timeline. The story stops at `now`: what
// has not happened yet leaves the request open in whatever state it had reached.

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NEVER = Number.POSITIVE_INFINITY;
const MAX_ROUNDS = 3;
const SCAN_DELAY_MS = 30_000; // the deadline scan runs every 30 s: reminders fire up to that late

const EXTENSION_REASONS = ['需协调多个部门现场核查，办理周期较长', '涉及资金审批流程，需延长办理时限', '等待第三方检测报告'];
const RETURN_REASONS = ['该事项不属于我单位职责范围，建议转交属地街道', '经核实，该诉求应由其他主管部门办理'];
const GENERIC_ANSWER = '已向市民详细解释相关政策和办理流程，市民表示清楚。';
const FOLLOW_UP_COMMENTS = ['市民表示满意', '问题已解决', '市民认为处理不彻底', '市民对答复不认可'];
const SATISFACTION: [string, number][] = [
  ['VERY_SATISFIED', 0.46], ['SATISFIED', 0.33], ['BASICALLY_SATISFIED', 0.1], ['DISSATISFIED', 0.08], ['VERY_DISSATISFIED', 0.03],
];

export interface StoryDeps {
  random: Random;
  ref: Reference;
  clock: SlaClock;
  timeZone: string;
  now: number;
  nextId: { assignment: number; extension: number; followUp: number };
}

export class RequestStory {
  private readonly deadlineText = new Map<number, string>();
  /** Reminder keys (subject, kind, deadline) fired in the current request: the ledger's unique key. */
  private fired = new Set<string>();

  constructor(private readonly d: StoryDeps) {}

  private policy(r: RequestRow): SlaPolicyRule {
    return this.d.ref.policies.get(policyKey(r.type, r.urgency))!;
  }

  private supervisor(): number {
    return pick(this.d.random, this.d.ref.supervisors);
  }

  private liaison(departmentId: number): number {
    return this.d.ref.liaisonOf.get(departmentId) ?? this.supervisor();
  }

  private deadline(at: number): string {
    let text = this.deadlineText.get(at);
    if (text === undefined) {
      // Bounded: wall-clock deadlines (follow-ups, urgent work) are all different; working-day ones repeat.
      if (this.deadlineText.size > 50_000) this.deadlineText.clear();
      this.deadlineText.set(at, (text = formatDeadline(new Date(at), this.d.timeZone)));
    }
    return text;
  }

  private event(r: RequestRow, at: number, kind: string, actorId: number | null, summary: string, data: unknown, assignmentId: number | null = null): void {
    r.events.push({ at, kind, actorId, summary, data, assignmentId });
  }

  /** A reminder fires when its time has come before the clock stopped (and before now): ledger row + system timeline event. */
  private remind(r: RequestRow, o: {
    subject: 'ASSIGNMENT' | 'REQUEST'; subjectId: number; kind: string; deadline: number; fireAt: number | null; stoppedAt: number;
    /** The clock (re)started here: a reminder already due then fires at once (checkRequestDeadlines after a deadline moved). */
    from?: number;
    timelineKind?: string; summary?: string; departmentId?: number | null; assignmentId?: number | null;
  }): number | null {
    if (o.fireAt === null) return null;
    const due = Math.max(o.fireAt, o.from ?? o.fireAt);
    if (due >= o.stoppedAt) return null;
    const key = `${o.subject}|${o.subjectId}|${o.kind}|${o.deadline}`;
    if (this.fired.has(key)) return null;
    const firedAt = due + Math.floor(this.d.random() * SCAN_DELAY_MS);
    if (firedAt > this.d.now) return null;
    this.fired.add(key);
    r.ledger.push({ subjectType: o.subject, subjectId: o.subjectId, kind: o.kind, deadline: o.deadline, firedAt });
    if (o.timelineKind) {
      this.event(r, firedAt, o.timelineKind, null, o.summary!, {
        reminder: o.kind, deadline: new Date(o.deadline).toISOString(), departmentId: o.departmentId === undefined || o.departmentId === null ? null : String(o.departmentId),
      }, o.assignmentId ?? null);
    }
    return firedAt;
  }

  // ------------------------------------------------------------------ the start

  /** Intake and whatever follows, up to now. `answer`: answered at intake with this text; `leadDepartmentId`: where it goes otherwise. */
  live(r: RequestRow, plan: { answer: string | null; leadDepartmentId: number; misroutedTo: number | null; assistDepartmentId: number | null; direct: string | null; voidAfterMs: number | null }): void {
    this.fired = new Set();
    const c = r.createdAt;
    this.event(r, c, 'CREATED', r.registeredById, `Registered ${r.code} (${r.type}, ${r.urgency}) via ${r.channel}`,
      { code: r.code, channel: r.channel, type: r.type, urgency: r.urgency, confidential: r.confidential });
    if (plan.voidAfterMs !== null) {
      const at = c + plan.voidAfterMs;
      if (at <= this.d.now) this.end(r, at, 'VOID', 'VOIDED', 'Voided', '来电人表示拨错号码，非有效诉求');
      return;
    }
    if (plan.direct) {
      this.round(r, c, plan.leadDepartmentId, null, null, plan.direct);
      return;
    }
    if (plan.answer) {
      const at = c + between(this.d.random, 3, 15) * MIN;
      if (at > this.d.now) return;
      r.status = 'AWAITING_FOLLOW_UP';
      r.intakeAnswer = plan.answer;
      r.resolvedAtIntakeAt = at;
      const f = this.d.clock.followUpDeadline(at, this.policy(r));
      r.followUpDueAt = f.followUpDueAt;
      r.followUpWarnAt = f.followUpWarnAt;
      r.dueAt = f.followUpDueAt;
      this.event(r, at, 'RESOLVED_AT_INTAKE', r.registeredById, 'Answered at intake; awaiting follow-up', { followUpDueAt: new Date(f.followUpDueAt).toISOString() });
      this.followUp(r, at, null, plan.leadDepartmentId);
      return;
    }
    const at = c + between(this.d.random, 0.2, 3) * HOUR;
    if (at > this.d.now) return;
    const first = plan.misroutedTo ?? plan.leadDepartmentId;
    this.round(r, at, first, plan.misroutedTo ? plan.leadDepartmentId : null, plan.assistDepartmentId, null);
  }

  // ------------------------------------------------------------------ a dispatch and its handling

  private newAssignment(r: RequestRow, at: number, departmentId: number, role: 'LEAD' | 'ASSIST', dispatchedById: number | null): AssignmentRow {
    const dl = this.d.clock.assignmentDeadlines(at, this.policy(r));
    const a: AssignmentRow = {
      id: this.d.nextId.assignment++, departmentId, role, status: 'PENDING', round: r.round, dispatchedAt: at, dispatchedById,
      acceptDueAt: dl.acceptDueAt, acceptWarnAt: dl.acceptWarnAt, acceptedAt: null, acceptedById: null, dueAt: dl.dueAt,
      replyWarnAt: dl.replyWarnAt, replyEscalateAt: dl.replyEscalateAt, repliedAt: null, repliedById: null, reply: null, replyOutcome: null, repliedOnTime: null,
      returnReason: null, returnRequestedAt: null, statusBeforeReturn: null, designated: false, returnedAt: null, completedAt: null, cancelledAt: null,
    };
    r.assignments.push(a);
    return a;
  }

  /**
   * Dispatch (or re-handling round) at `at` to `departmentId`; `correctDepartmentId`: the department is the
   * wrong one and returns it, after which the center re-dispatches there.
   */
  private round(r: RequestRow, at: number, departmentId: number, correctDepartmentId: number | null, assistId: number | null, direct: string | null, rehandling = false): void {
    const dispatcher = direct ? null : rehandling ? r.ownerId : this.supervisor();
    const lead = this.newAssignment(r, at, departmentId, 'LEAD', dispatcher);
    const assist = assistId !== null && assistId !== departmentId ? this.newAssignment(r, at, assistId, 'ASSIST', dispatcher) : null;
    r.leadAssignmentId = lead.id;
    r.status = 'DISPATCHED';
    r.dueAt = lead.acceptDueAt;
    if (!rehandling) {
      const cancelled: string[] = [];
      const name = (id: number) => this.d.ref.departmentLabel.get(id)!;
      const summary = direct ? `Direct dispatch (直派) to ${name(departmentId)} as lead: ${direct}` : `Dispatched to ${name(departmentId)} as lead${assist ? `; assisting: ${name(assist.departmentId)}` : ''}`;
      this.event(r, at, 'DISPATCHED', dispatcher, summary, {
        round: r.round, leadAssignmentId: String(lead.id), leadDepartmentCode: this.d.ref.departmentCode.get(departmentId),
        assistDepartmentCodes: assist ? [this.d.ref.departmentCode.get(assist.departmentId)] : [], note: null, assistAssignmentIds: assist ? [String(assist.id)] : [],
        cancelledAssignmentIds: cancelled, acceptDueAt: new Date(lead.acceptDueAt).toISOString(), dueAt: new Date(lead.dueAt).toISOString(),
        ...(direct ? { direct: true } : {}),
      }, lead.id);
    }
    if (assist) this.handleAssist(r, assist);
    this.handleLead(r, lead, correctDepartmentId);
  }

  private acceptTime(a: AssignmentRow): number {
    const roll = this.d.random();
    if (roll < 0.006) return NEVER; // a unit that never signs: overdue until the center acts
    if (roll < 0.07) return a.acceptDueAt + between(this.d.random, 0.5, 30) * HOUR;
    return a.dispatchedAt + between(this.d.random, 0.01, 0.8) * Math.max(a.acceptDueAt - a.dispatchedAt, 20 * MIN);
  }

  private replyTime(a: AssignmentRow, from: number): number {
    const roll = this.d.random();
    if (roll < 0.012) return NEVER;
    if (roll < 0.095) return a.dueAt + between(this.d.random, 2, 140) * HOUR;
    return from + between(this.d.random, 0.05, 0.95) * Math.max(a.dueAt - from, HOUR);
  }

  private acceptClockReminders(r: RequestRow, a: AssignmentRow, stoppedAt: number): void {
    const base = { subject: 'ASSIGNMENT' as const, subjectId: a.id, deadline: a.acceptDueAt, stoppedAt, departmentId: a.departmentId, assignmentId: a.id };
    this.remind(r, { ...base, kind: 'ACCEPT_WARNING', fireAt: a.acceptWarnAt, timelineKind: 'DEADLINE_WARNING', summary: `Sign-for deadline approaching (${this.deadline(a.acceptDueAt)})` });
    this.remind(r, { ...base, kind: 'ACCEPT_OVERDUE', fireAt: a.acceptDueAt, timelineKind: 'OVERDUE', summary: `Sign-for overdue (was due ${this.deadline(a.acceptDueAt)})` });
  }

  private replyClockReminders(r: RequestRow, a: AssignmentRow, stoppedAt: number, from = a.dispatchedAt): void {
    const dueAt = a.dueAt;
    const warnAt = a.replyWarnAt;
    const base = { subject: 'ASSIGNMENT' as const, subjectId: a.id, deadline: dueAt, stoppedAt, from, departmentId: a.departmentId, assignmentId: a.id };
    this.remind(r, { ...base, kind: 'REPLY_WARNING', fireAt: warnAt, timelineKind: 'DEADLINE_WARNING', summary: `Reply deadline approaching (${this.deadline(dueAt)})` });
    this.remind(r, { ...base, kind: 'REPLY_OVERDUE', fireAt: dueAt, timelineKind: 'OVERDUE', summary: `Reply overdue (was due ${this.deadline(dueAt)})` });
    if (a.role !== 'LEAD') return;
    // 督办: 5 working days overdue → LISTED (only raised, never lowered).
    const fired = this.remind(r, { ...base, kind: 'LISTED_SUPERVISION', fireAt: a.replyEscalateAt });
    if (fired !== null && r.supervisionLevel !== 'LISTED') {
      const previous = r.supervisionLevel;
      r.supervisionLevel = 'LISTED';
      this.event(r, fired, 'SUPERVISED', null, 'Supervised automatically (LISTED): the reply is 5 working days overdue',
        { level: 'LISTED', previousLevel: previous, automatic: true, dueAt: new Date(dueAt).toISOString() }, a.id);
    }
  }

  /** An assisting department signs and replies; what is still open when the round ends is cancelled then. */
  private handleAssist(r: RequestRow, a: AssignmentRow): void {
    const accepted = this.acceptTime(a);
    this.acceptClockReminders(r, a, Math.min(accepted, this.d.now));
    if (accepted > this.d.now) return;
    a.status = 'ACCEPTED';
    a.acceptedAt = accepted;
    a.acceptedById = this.liaison(a.departmentId);
    this.event(r, accepted, 'ACCEPTED', a.acceptedById, 'Assisting department signed for the assignment',
      { role: 'ASSIST', departmentId: String(a.departmentId), onTime: accepted <= a.acceptDueAt }, a.id);
    const replied = this.replyTime(a, accepted);
    this.replyClockReminders(r, a, Math.min(replied, this.d.now));
    if (replied > this.d.now) return;
    a.status = 'REPLIED';
    a.repliedAt = replied;
    a.repliedById = a.acceptedById;
    a.reply = '我单位已配合主办单位完成相关工作。';
    a.replyOutcome = 'RESOLVED';
    a.repliedOnTime = replied <= a.dueAt;
    this.event(r, replied, 'REPLIED', a.repliedById, 'Assisting department replied (RESOLVED)',
      { role: 'ASSIST', departmentId: String(a.departmentId), outcome: 'RESOLVED', repliedOnTime: a.repliedOnTime }, a.id);
  }

  /** The round's assists at the time it ends: replied ones complete (approval) or all open ones cancel. */
  private closeAssists(r: RequestRow, at: number, complete: boolean): string[] {
    const cancelled: string[] = [];
    for (const a of r.assignments) {
      if (a.role !== 'ASSIST' || a.round !== r.round) continue;
      if (complete && a.status === 'REPLIED' && a.repliedAt! <= at) {
        a.status = 'COMPLETED';
        a.completedAt = at;
      } else if (['PENDING', 'ACCEPTED', 'RETURN_REQUESTED', 'REPLIED'].includes(a.status)) {
        // The assist's later steps never happened: the round ended first.
        this.undoAfter(r, a, at);
        a.status = 'CANCELLED';
        a.cancelledAt = at;
        cancelled.push(String(a.id));
      }
    }
    return cancelled;
  }

  /** Forget an assignment's steps (events, reminders) generated beyond `at`: its story was cut short there. */
  private undoAfter(r: RequestRow, a: AssignmentRow, at: number): void {
    if (a.acceptedAt !== null && a.acceptedAt > at) { a.acceptedAt = null; a.acceptedById = null; }
    if (a.repliedAt !== null && a.repliedAt > at) {
      a.repliedAt = null; a.repliedById = null; a.reply = null; a.replyOutcome = null; a.repliedOnTime = null;
    }
    r.events = r.events.filter((e) => e.assignmentId !== a.id || e.at <= at);
    r.ledger = r.ledger.filter((l) => l.subjectType !== 'ASSIGNMENT' || l.subjectId !== a.id || l.firedAt <= at);
    if (a.status === 'ACCEPTED' && a.acceptedAt === null) a.status = 'PENDING';
  }

  private handleLead(r: RequestRow, a: AssignmentRow, correctDepartmentId: number | null): void {
    const { random, now } = this.d;
    const accepted = this.acceptTime(a);
    // 退单: a misrouted unit (and now and then another) asks to return it, before or after signing for it.
    const returns = correctDepartmentId !== null || (r.round === 1 && chance(random, 0.015) && !a.designated);
    if (returns) {
      const askedAt = a.dispatchedAt + between(random, 0.3, 20) * HOUR;
      const signedFirst = accepted < askedAt;
      this.acceptClockReminders(r, a, Math.min(signedFirst ? accepted : askedAt, now));
      if (signedFirst && accepted <= now) this.accept(r, a, accepted);
      if (askedAt > now) return;
      if (!signedFirst || accepted > now) { a.acceptedAt = null; a.acceptedById = null; }
      a.statusBeforeReturn = a.status;
      a.status = 'RETURN_REQUESTED';
      a.returnReason = pick(random, RETURN_REASONS);
      a.returnRequestedAt = askedAt;
      this.event(r, askedAt, 'RETURN_REQUESTED', this.liaison(a.departmentId), 'Lead department asked to return the assignment',
        { departmentId: String(a.departmentId), reason: a.returnReason }, a.id);
      const decidedAt = askedAt + between(random, 1, 6) * HOUR;
      this.replyClockReminders(r, a, Math.min(decidedAt, now));
      if (decidedAt > now) return;
      const approve = correctDepartmentId !== null ? chance(random, 0.9) : chance(random, 0.5);
      const supervisor = this.supervisor();
      if (approve) {
        a.status = 'RETURNED';
        a.returnedAt = decidedAt;
        const cancelled = this.closeAssists(r, decidedAt, false);
        r.status = 'REGISTERED';
        r.leadAssignmentId = null;
        r.dueAt = null;
        this.event(r, decidedAt, 'RETURN_DECIDED', supervisor, 'Return approved; the request awaits re-dispatch',
          { approved: true, departmentId: String(a.departmentId), comment: null, cancelledAssignmentIds: cancelled }, a.id);
        const again = decidedAt + between(random, 0.5, 4) * HOUR;
        if (again > now) return;
        const target = correctDepartmentId ?? pick(random, [...this.d.ref.liaisonOf.keys()].filter((id) => id !== a.departmentId));
        this.round(r, again, target, null, null, null);
        return;
      }
      a.status = a.statusBeforeReturn!;
      a.statusBeforeReturn = null;
      a.designated = true;
      this.event(r, decidedAt, 'RETURN_DECIDED', supervisor, 'Return rejected; the department is designated and keeps the assignment',
        { approved: false, departmentId: String(a.departmentId), comment: null, cancelledAssignmentIds: [] }, a.id);
      if (a.status === 'ACCEPTED') { this.work(r, a, a.acceptedAt!, decidedAt); return; }
      const late = Math.max(accepted, decidedAt + between(random, 0.2, 3) * HOUR);
      this.acceptClockReminders(r, a, Math.min(late, now));
      if (late > now) return;
      this.accept(r, a, late);
      this.work(r, a, late, late);
      return;
    }
    this.acceptClockReminders(r, a, Math.min(accepted, now));
    if (accepted > now) return;
    this.accept(r, a, accepted);
    this.work(r, a, accepted, accepted);
  }

  private accept(r: RequestRow, a: AssignmentRow, at: number): void {
    a.status = 'ACCEPTED';
    a.acceptedAt = at;
    a.acceptedById = this.liaison(a.departmentId);
    r.status = 'IN_PROGRESS';
    r.dueAt = a.dueAt;
    this.event(r, at, 'ACCEPTED', a.acceptedById, 'Lead department signed for the assignment',
      { role: 'LEAD', departmentId: String(a.departmentId), onTime: at <= a.acceptDueAt }, a.id);
  }

  /** From signing for to the approved reply: maybe an extension, the reply, the center's review. */
  private work(r: RequestRow, a: AssignmentRow, acceptedAt: number, from: number): void {
    const { random, now } = this.d;
    let clockFrom = from;
    let replied = this.replyTime(a, acceptedAt);
    // 延期: asked before the deadline for 5 more working days; the center mostly agrees.
    if (chance(random, 0.1)) {
      const askedAt = acceptedAt + between(random, 0.3, 0.8) * (a.dueAt - acceptedAt);
      if (askedAt < a.dueAt && askedAt < replied && askedAt <= now) {
        const requestedDueAt = this.d.clock.add(a.dueAt, { amount: 5, unit: 'WORKING_DAYS' as never });
        const ext = { id: this.d.nextId.extension++, assignmentId: a.id, requestedDueAt, previousDueAt: a.dueAt, reason: pick(random, EXTENSION_REASONS),
          status: 'PENDING', requestedById: a.acceptedById!, requestedAt: askedAt, decidedById: null as number | null, decidedAt: null as number | null, comment: null };
        r.extensions.push(ext);
        this.event(r, askedAt, 'EXTENSION_REQUESTED', ext.requestedById, `Extension requested until ${new Date(requestedDueAt).toISOString()}`,
          { extensionId: String(ext.id), requestedDueAt: new Date(requestedDueAt).toISOString(), previousDueAt: new Date(a.dueAt).toISOString(), reason: ext.reason }, a.id);
        // The center decides before the reply comes in (a pending extension of a replied assignment would be withdrawn).
        const decidedAt = Math.min(askedAt + between(random, 1, 20) * HOUR, askedAt + (replied - askedAt) / 2);
        if (decidedAt <= now) {
          const approve = chance(random, 0.85);
          ext.status = approve ? 'APPROVED' : 'REJECTED';
          ext.decidedById = this.supervisor();
          ext.decidedAt = decidedAt;
          this.event(r, decidedAt, 'EXTENSION_DECIDED', ext.decidedById, approve ? `Extension approved; new deadline ${new Date(requestedDueAt).toISOString()}` : 'Extension rejected; the deadline stays',
            { extensionId: String(ext.id), approved: approve, comment: null, previousDueAt: new Date(a.dueAt).toISOString(), requestedDueAt: new Date(requestedDueAt).toISOString() }, a.id);
          if (approve) {
            this.replyClockReminders(r, a, Math.min(decidedAt, now));
            a.dueAt = requestedDueAt;
            a.replyWarnAt = this.d.clock.warning(a.dispatchedAt, requestedDueAt, this.policy(r).warnBefore);
            a.replyEscalateAt = this.d.clock.replyEscalation(requestedDueAt);
            r.dueAt = a.dueAt;
            clockFrom = decidedAt;
            // Granted more time, the unit takes some of it.
            if (replied !== NEVER) replied = Math.max(replied, decidedAt + between(random, 0.1, 0.9) * (a.dueAt - decidedAt));
          }
        }
      }
    }
    this.replyClockReminders(r, a, Math.min(replied, now), clockFrom);
    if (replied > now) return;
    this.reply(r, a, replied);
    // 审核: the center approves, or (now and then) sends it back once.
    let reviewAt = replied + between(random, 0.5, 8) * HOUR;
    if (reviewAt > now) return;
    if (chance(random, 0.04)) {
      a.status = 'ACCEPTED';
      r.status = 'IN_PROGRESS';
      r.dueAt = a.dueAt;
      this.event(r, reviewAt, 'REPLY_REVIEWED', this.supervisor(), 'Reply rejected; the lead department handles it again', { approved: false, comment: '答复内容不完整，请补充办理情况' }, a.id);
      const again = reviewAt + between(random, 0.5, 3) * DAY;
      this.replyClockReminders(r, a, Math.min(again, now), reviewAt);
      if (again > now) return;
      this.reply(r, a, again);
      reviewAt = again + between(random, 0.5, 8) * HOUR;
      if (reviewAt > now) return;
    }
    a.status = 'COMPLETED';
    a.completedAt = reviewAt;
    const completedAssists = r.assignments.filter((x) => x.role === 'ASSIST' && x.round === r.round && x.status === 'REPLIED' && x.repliedAt! <= reviewAt).map((x) => String(x.id));
    const cancelled = this.closeAssists(r, reviewAt, true);
    r.status = 'AWAITING_FOLLOW_UP';
    const f = this.d.clock.followUpDeadline(reviewAt, this.policy(r));
    r.followUpDueAt = f.followUpDueAt;
    r.followUpWarnAt = f.followUpWarnAt;
    r.dueAt = f.followUpDueAt;
    this.event(r, reviewAt, 'REPLY_REVIEWED', this.supervisor(), 'Reply approved; awaiting follow-up',
      { approved: true, comment: null, completedAssistIds: completedAssists, cancelledAssignmentIds: cancelled, followUpDueAt: new Date(f.followUpDueAt).toISOString() }, a.id);
    this.followUp(r, reviewAt, a, a.departmentId);
  }

  private reply(r: RequestRow, a: AssignmentRow, at: number): void {
    const outcome = chance(this.d.random, 0.8) ? 'RESOLVED' : pick(this.d.random, ['PARTIALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVABLE']);
    a.status = 'REPLIED';
    a.repliedAt = at;
    a.repliedById = this.liaison(a.departmentId);
    a.reply = a.reply ?? r.replyText;
    a.replyOutcome = outcome;
    a.repliedOnTime = at <= a.dueAt;
    r.status = 'REPLIED';
    r.dueAt = null;
    this.event(r, at, 'REPLIED', a.repliedById, `Lead department replied (${outcome})`,
      { role: 'LEAD', departmentId: String(a.departmentId), outcome, repliedOnTime: a.repliedOnTime }, a.id);
  }

  // ------------------------------------------------------------------ 回访

  private followUp(r: RequestRow, start: number, lead: AssignmentRow | null, fallbackDepartmentId: number): void {
    const { random, now } = this.d;
    let t = start;
    let attempt = 0;
    for (;;) {
      t += (attempt === 0 ? between(random, 1, 34) : between(random, 2, 20)) * HOUR;
      const stop = Math.min(t, now);
      const base = { subject: 'REQUEST' as const, subjectId: r.id, deadline: r.followUpDueAt!, stoppedAt: stop };
      if (attempt === 0) {
        this.remind(r, { ...base, kind: 'FOLLOW_UP_WARNING', fireAt: r.followUpWarnAt, timelineKind: 'DEADLINE_WARNING', summary: `Follow-up deadline approaching (${this.deadline(r.followUpDueAt!)})` });
      }
      if (!r.ledger.some((l) => l.kind === 'FOLLOW_UP_OVERDUE' && l.subjectId === r.id && l.deadline === r.followUpDueAt)) {
        this.remind(r, { ...base, kind: 'FOLLOW_UP_OVERDUE', fireAt: r.followUpDueAt, timelineKind: 'OVERDUE', summary: `Follow-up overdue (was due ${this.deadline(r.followUpDueAt!)})` });
      }
      if (t > now) return;
      attempt++;
      const reached = chance(random, 0.92);
      const f = {
        id: this.d.nextId.followUp++, attempt, round: r.round, leadDepartmentId: lead?.departmentId ?? null, reached,
        satisfaction: null as string | null, resolved: null as boolean | null, comment: null as string | null, recordedById: r.ownerId, recordedAt: t,
      };
      let outcome: string;
      if (!reached) {
        outcome = r.unreachedAttempts + 1 >= 3 ? 'CLOSE_UNREACHABLE' : 'RECORD_UNREACHED';
      } else {
        f.satisfaction = r.round >= MAX_ROUNDS ? pick(random, ['SATISFIED', 'BASICALLY_SATISFIED']) : this.satisfaction();
        const satisfied = !f.satisfaction.includes('DISSATISFIED');
        f.resolved = r.round >= MAX_ROUNDS ? true : satisfied ? chance(random, 0.97) : chance(random, 0.25);
        f.comment = pick(random, FOLLOW_UP_COMMENTS);
        outcome = satisfied && f.resolved ? 'CLOSE' : lead ? 'REHANDLE' : 'BACK_TO_REGISTERED';
      }
      r.followUps.push(f);
      this.event(r, t, 'FOLLOWED_UP', r.ownerId,
        reached ? `Follow-up attempt ${attempt}: ${f.satisfaction}, ${f.resolved ? 'resolved' : 'not resolved'}` : `Follow-up attempt ${attempt}: citizen not reached`,
        { followUpId: String(f.id), attempt, round: r.round, reached, satisfaction: f.satisfaction, resolved: f.resolved, outcome });
      if (outcome === 'RECORD_UNREACHED') { r.unreachedAttempts++; continue; }
      if (outcome === 'CLOSE_UNREACHABLE') {
        r.unreachedAttempts++;
        this.close(r, t, `unreachable after ${r.unreachedAttempts} follow-up attempts`);
        return;
      }
      if (outcome === 'CLOSE') { this.close(r, t, 'citizen satisfied and the matter resolved'); return; }
      this.rehandle(r, t, lead, fallbackDepartmentId);
      return;
    }
  }

  private satisfaction(): string {
    let roll = this.d.random();
    for (const [s, w] of SATISFACTION) { roll -= w; if (roll < 0) return s; }
    return 'SATISFIED';
  }

  private close(r: RequestRow, at: number, reason: string): void {
    r.status = 'CLOSED';
    r.closedAt = at;
    r.closeReason = reason;
    r.dueAt = null;
    r.followUpDueAt = null;
    r.followUpWarnAt = null;
    this.event(r, at, 'CLOSED', r.ownerId, `Closed: ${reason}`, { reason });
  }

  /** 重办: a new round for the same department, or back to the center after an intake answer. */
  private rehandle(r: RequestRow, at: number, lead: AssignmentRow | null, fallbackDepartmentId: number): void {
    r.reopenCount++;
    r.round++;
    r.unreachedAttempts = 0;
    r.followUpDueAt = null;
    r.followUpWarnAt = null;
    if (lead) {
      const next = this.newAssignment(r, at, lead.departmentId, 'LEAD', r.ownerId);
      r.leadAssignmentId = next.id;
      r.status = 'DISPATCHED';
      r.dueAt = next.acceptDueAt;
      this.event(r, at, 'REOPENED', r.ownerId, `Re-handling round ${r.round}: sent back to the same lead department`,
        { round: r.round, reopenCount: r.reopenCount, assignmentId: String(next.id), departmentId: String(lead.departmentId) }, next.id);
      this.superviseIfRepeated(r, at);
      this.handleLead(r, next, null);
      return;
    }
    r.status = 'REGISTERED';
    r.leadAssignmentId = null;
    r.dueAt = null;
    this.event(r, at, 'REOPENED', r.ownerId, `Reopened (round ${r.round}): the intake answer did not satisfy; awaiting dispatch`,
      { round: r.round, reopenCount: r.reopenCount, assignmentId: null, departmentId: null });
    this.superviseIfRepeated(r, at);
    const dispatchAt = at + between(this.d.random, 0.5, 4) * HOUR;
    if (dispatchAt > this.d.now) return;
    this.round(r, dispatchAt, fallbackDepartmentId, null, null, null);
  }

  private superviseIfRepeated(r: RequestRow, at: number): void {
    if (r.reopenCount < 2 || r.supervisionLevel === 'LISTED' || r.supervisionLevel === 'SUMMONED') return;
    const previous = r.supervisionLevel;
    r.supervisionLevel = 'LISTED';
    this.event(r, at, 'SUPERVISED', r.ownerId, `Supervised automatically (LISTED) after re-handling ${r.reopenCount} times`,
      { level: 'LISTED', previousLevel: previous, automatic: true, reopenCount: r.reopenCount });
  }

  // ------------------------------------------------------------------ endings from outside

  /** 终止 / 关闭 by a supervisor: open assignments cancelled, clocks stopped. */
  private end(r: RequestRow, at: number, status: string, kind: string, verb: string, reason: string): void {
    const cancelled: string[] = [];
    for (const a of r.assignments) {
      if (['PENDING', 'ACCEPTED', 'RETURN_REQUESTED', 'REPLIED'].includes(a.status)) {
        a.status = 'CANCELLED'; a.cancelledAt = at; cancelled.push(String(a.id));
      }
    }
    r.status = status;
    r.closedAt = at;
    r.closeReason = reason;
    r.dueAt = null;
    r.followUpDueAt = null;
    r.followUpWarnAt = null;
    this.event(r, at, kind, this.supervisor(), `${verb}: ${reason}`, { reason, cancelledAssignmentIds: cancelled });
  }

  /**
   * 并单: `dup` was registered shortly after `primary` about the same matter and is merged into it at `mergeAt`
   * (the caller chose a moment while the primary was open). Before that it may have been dispatched.
   */
  duplicateLife(dup: RequestRow, primary: RequestRow, mergeAt: number, dispatch: { at: number; departmentId: number } | null): void {
    this.fired = new Set();
    this.event(dup, dup.createdAt, 'CREATED', dup.registeredById, `Registered ${dup.code} (${dup.type}, ${dup.urgency}) via ${dup.channel}`,
      { code: dup.code, channel: dup.channel, type: dup.type, urgency: dup.urgency, confidential: dup.confidential });
    const cancelled: string[] = [];
    if (dispatch && dispatch.at < mergeAt) {
      const supervisor = this.supervisor();
      const lead = this.newAssignment(dup, dispatch.at, dispatch.departmentId, 'LEAD', supervisor);
      dup.leadAssignmentId = lead.id;
      this.event(dup, dispatch.at, 'DISPATCHED', supervisor, `Dispatched to ${this.d.ref.departmentLabel.get(dispatch.departmentId)} as lead`, {
        round: 1, leadAssignmentId: String(lead.id), leadDepartmentCode: this.d.ref.departmentCode.get(dispatch.departmentId), assistAssignmentIds: [],
        assistDepartmentCodes: [], cancelledAssignmentIds: [], acceptDueAt: new Date(lead.acceptDueAt).toISOString(), dueAt: new Date(lead.dueAt).toISOString(), note: null,
      }, lead.id);
      this.acceptClockReminders(dup, lead, Math.min(mergeAt, this.d.now));
      lead.status = 'CANCELLED';
      lead.cancelledAt = mergeAt;
      cancelled.push(String(lead.id));
    }
    const supervisor = this.supervisor();
    dup.status = 'MERGED';
    dup.mergedIntoId = primary.id;
    dup.closedAt = mergeAt;
    dup.closeReason = `merged into ${primary.code}`;
    this.event(dup, mergeAt, 'MERGED', supervisor, `Merged into ${primary.code} as a duplicate`,
      { mergedIntoId: String(primary.id), mergedIntoCode: primary.code, cancelledAssignmentIds: cancelled });
    this.event(primary, mergeAt, 'MERGED', supervisor, `Merged duplicates ${dup.code} into this request`, { duplicateIds: [String(dup.id)], duplicateCodes: [dup.code] });
  }
}

/** The tsvector literal text_bigrams() computes for a request (same letters-and-digits rule as src/domain/routing.ts). */
export function bigramVector(title: string, content: string): string {
  const grams = [...textBigrams(`${title} ${content}`)];
  return grams.map((g) => `'${g.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
}
