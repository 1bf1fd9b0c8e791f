import { describe, expect, it } from 'vitest';
import type { AgreementEvent, AgreementTerms } from './lifecycle.js';
import { snapshotOn } from './lifecycle.js';
import { dueReminders } from './reminders.js';

const terms: AgreementTerms = {
  partyIds: ['UNML', 'CUF'],
  termYears: 3,
  withdrawalNoticeMonths: 1,
  formalNoticeDays: 15,
};
const national: AgreementEvent[] = [
  { seq: 1, on: '2025-07-04', type: 'version_proposed', version: 1, hash: 'h', organisationId: null },
  { seq: 2, on: '2025-07-04', type: 'approved', version: 1, hash: 'h', organisationId: 'UNML' },
  { seq: 3, on: '2025-07-04', type: 'approved', version: 1, hash: 'h', organisationId: 'CUF' },
];
const due = (on: string, lastMeeting: string | null = '2026-06-01', h = national) =>
  dueReminders(snapshotOn(terms, h, on), on, lastMeeting);

describe('reminders (art. 4 and 5)', () => {
  it('art. 5 : 90 days before the last day in force (2028-07-03 → 2028-04-04)', () => {
    expect(due('2028-04-03', '2028-01-01')).toEqual([]);
    expect(due('2028-04-04', '2028-01-01')).toEqual([{ kind: 'expiry_90', dueOn: '2028-07-03' }]);
  });
  it('art. 5 : 30 days before the last day in force (2028-06-03)', () => {
    expect(due('2028-06-03', '2028-01-01')).toEqual([{ kind: 'expiry_30', dueOn: '2028-07-03' }]);
  });
  it('a missed reminder is still sent within 7 days, not after', () => {
    expect(due('2028-04-11', '2028-01-01')).toEqual([{ kind: 'expiry_90', dueOn: '2028-07-03' }]);
    expect(due('2028-04-12', '2028-01-01')).toEqual([]);
  });
  it('art. 3 : the roadmap of year 2 is due 30 days before 2026-07-04', () => {
    expect(due('2026-06-03')).toEqual([]);
    expect(due('2026-06-04')).toEqual([{ kind: 'roadmap_due', dueOn: '2026-07-04' }]);
    expect(due('2026-07-03')).toEqual([{ kind: 'roadmap_due', dueOn: '2026-07-04' }]);
  });
  it('no roadmap reminder for a year after the end of the term', () => {
    expect(due('2028-06-20', '2028-01-01').map((r) => r.kind)).toEqual([]);
  });
  it('art. 4 : no annual meeting for 12 months after entry into force or the last meeting', () => {
    expect(due('2026-07-03', null).map((r) => r.kind)).toEqual(['roadmap_due']);
    expect(due('2026-07-04', null)).toEqual([{ kind: 'annual_meeting_due', dueOn: '2026-07-04' }]);
    expect(due('2027-05-31', '2026-06-01')).toEqual([]);
    expect(due('2027-06-01', '2026-06-01')).toEqual([{ kind: 'annual_meeting_due', dueOn: '2027-06-01' }]);
  });
  it('art. 5 : when a withdrawal notice ends', () => {
    const h: AgreementEvent[] = [
      ...national,
      { seq: 4, on: '2026-01-31', type: 'withdrawal_notified', organisationId: 'CUF' },
    ];
    expect(due('2026-02-27', '2025-12-01', h)).toEqual([]);
    expect(due('2026-02-28', '2025-12-01', h)).toEqual([
      { kind: 'withdrawal_effective', dueOn: '2026-02-28' },
    ]);
    expect(due('2026-03-01', '2025-12-01', h)).toEqual([
      { kind: 'withdrawal_effective', dueOn: '2026-02-28' },
    ]);
  });
  it('nothing for an agreement not in force', () => {
    expect(due('2025-07-01', null, national.slice(0, 2))).toEqual([]);
  });
});
