/**
 * Which reminders are due on a day (issue 6, art. 4 and 5). Pure. Each reminder is named
 * by its kind and the date it concerns, so it is sent once (the caller records it).
 */
import { addDays, addMonths, addYears, conventionYearOf, type IsoDate } from './dates.js';
import type { Snapshot } from './lifecycle.js';

export type ReminderKind =
  | 'expiry_90'
  | 'expiry_30'
  | 'withdrawal_effective'
  | 'roadmap_due'
  | 'annual_meeting_due';

export interface DueReminder {
  kind: ReminderKind;
  /** The date the reminder is about (end of the term, end of the notice, start of the next year…). */
  dueOn: IsoDate;
}

/** How long after its day a missed reminder is still worth sending (the worker may have been down). */
export const CATCH_UP_DAYS = 7;

export function dueReminders(s: Snapshot, today: IsoDate, lastMeeting: IsoDate | null): DueReminder[] {
  const out: DueReminder[] = [];
  const inWindow = (from: IsoDate, until: IsoDate) => today >= from && today <= until;
  // Art. 5 : 90 and 30 days before the end of the term (unless the agreement ends earlier).
  if (s.state === 'in_force' && s.termLastDay && s.lastDayInForce === s.termLastDay) {
    for (const [kind, days] of [
      ['expiry_90', 90],
      ['expiry_30', 30],
    ] as const) {
      const from = addDays(s.termLastDay, -days);
      if (inWindow(from, addDays(from, CATCH_UP_DAYS)) && today <= s.termLastDay)
        out.push({ kind, dueOn: s.termLastDay });
    }
  }
  // Art. 5 : when a withdrawal notice ends (its last day in force).
  if (s.withdrawal && inWindow(s.withdrawal.effectiveOn, addDays(s.withdrawal.effectiveOn, CATCH_UP_DAYS))) {
    if (s.lastDayInForce === s.withdrawal.effectiveOn)
      out.push({ kind: 'withdrawal_effective', dueOn: s.withdrawal.effectiveOn });
  }
  if (s.state === 'in_force' && s.inForceFrom && s.lastDayInForce) {
    // Art. 3 : the roadmap of the next convention year, 30 days before that year starts.
    const year = conventionYearOf(s.inForceFrom, today);
    if (year) {
      const next = addYears(s.inForceFrom, year.year);
      if (next <= s.lastDayInForce && inWindow(addDays(next, -30), addDays(next, -1))) {
        out.push({ kind: 'roadmap_due', dueOn: next });
      }
    }
    // Art. 4 : no annual meeting recorded for 12 months.
    const meetingDue = addMonths(lastMeeting ?? s.inForceFrom, 12);
    if (today >= meetingDue) out.push({ kind: 'annual_meeting_due', dueOn: meetingDue });
  }
  return out;
}
