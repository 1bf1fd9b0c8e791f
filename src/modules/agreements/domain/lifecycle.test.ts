import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_STATES,
  AGREEMENT_TRANSITIONS,
  type AgreementEvent,
  type AgreementTerms,
  allowedTargets,
  canDisputeMove,
  canFormalNoticeMove,
  checkNewEvent,
  type NewAgreementEvent,
  nextDeadlines,
  snapshotOn,
  stateOn,
  TransitionError,
} from './lifecycle.js';

const terms: AgreementTerms = {
  partyIds: ['A', 'B'],
  termYears: 3,
  withdrawalNoticeMonths: 1,
  formalNoticeDays: 15,
};

let seq = 0;
const ev = (e: NewAgreementEvent): AgreementEvent => ({ ...e, seq: ++seq }) as AgreementEvent;
const v1 = (on = '2026-01-05') =>
  ev({ type: 'version_proposed', on, version: 1, hash: 'h1', organisationId: 'A' });
const approve = (org: string, on: string, version = 1, hash = `h${version}`) =>
  ev({ type: 'approved', on, version, hash, organisationId: org });

/** An agreement signed by A on 2026-02-01 and B on 2026-02-10: in force 2026-02-10 → 2029-02-09. */
const signed = () => [v1(), approve('A', '2026-02-01'), approve('B', '2026-02-10')];

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TransitionError) return e.code;
    throw e;
  }
  return null;
};

describe('transition table (art. 5–8)', () => {
  it('lists a row for every state', () => {
    expect(Object.keys(AGREEMENT_TRANSITIONS).sort()).toEqual([...AGREEMENT_STATES].sort());
  });
  it('draft → signing | in_force on approval', () => {
    expect(allowedTargets('draft', 'approved')).toEqual(['signing', 'in_force']);
  });
  it('signing → draft when a new version is proposed', () => {
    expect(allowedTargets('signing', 'version_proposed')).toEqual(['draft']);
  });
  it('in_force → withdrawn only when the notice ends (art. 5)', () => {
    expect(allowedTargets('in_force', 'withdrawal_notified')).toEqual(['in_force']);
    expect(allowedTargets('in_force', 'notice_ended')).toEqual(['withdrawn']);
  });
  it('in_force → expired at the end of the term (art. 5)', () => {
    expect(allowedTargets('in_force', 'term_ended')).toEqual(['expired']);
  });
  it('in_force → terminated on request after a formal notice or automatically (art. 7)', () => {
    expect(allowedTargets('in_force', 'termination_requested')).toEqual(['terminated']);
    expect(allowedTargets('in_force', 'automatic_termination')).toEqual(['terminated']);
  });
  it('no withdrawal, formal notice or termination before entry into force', () => {
    for (const state of ['draft', 'signing'] as const) {
      for (const t of ['withdrawal_notified', 'formal_notice_sent', 'termination_requested'] as const) {
        expect(refusal(() => allowedTargets(state, t))).toBe('not_allowed_in_state');
      }
    }
  });
  it('final states accept only disputes (art. 8)', () => {
    for (const state of ['withdrawn', 'terminated', 'expired'] as const) {
      expect(Object.keys(AGREEMENT_TRANSITIONS[state]).sort()).toEqual([
        'dispute_advanced',
        'dispute_opened',
      ]);
      expect(refusal(() => allowedTargets(state, 'approved'))).toBe('not_allowed_in_state');
    }
  });
  it('art. 7 : formal notice open → remedied | termination_requested; closed notices do not move', () => {
    expect(canFormalNoticeMove('open', 'remedied')).toBe(true);
    expect(canFormalNoticeMove('open', 'termination_requested')).toBe(true);
    expect(canFormalNoticeMove('remedied', 'termination_requested')).toBe(false);
    expect(canFormalNoticeMove('termination_requested', 'remedied')).toBe(false);
    expect(canFormalNoticeMove('remedied', 'open')).toBe(false);
  });
  it('art. 8 : dispute amicable → mediation → arbitration → settled', () => {
    expect(canDisputeMove('amicable', 'mediation')).toBe(true);
    expect(canDisputeMove('mediation', 'arbitration')).toBe(true);
    expect(canDisputeMove('arbitration', 'settled')).toBe(true);
    expect(canDisputeMove('amicable', 'settled')).toBe(true);
    expect(canDisputeMove('amicable', 'arbitration')).toBe(true);
    expect(canDisputeMove('mediation', 'amicable')).toBe(false);
    expect(canDisputeMove('arbitration', 'mediation')).toBe(false);
    expect(canDisputeMove('settled', 'amicable')).toBe(false);
  });
});

describe('stateOn: the state is a function of the history and a date', () => {
  it('draft before any approval', () => {
    expect(stateOn(terms, [v1()], '2026-01-06')).toBe('draft');
    expect(stateOn(terms, [], '2026-01-06')).toBe('draft');
  });
  it('signing once one party approved', () => {
    expect(stateOn(terms, signed(), '2026-02-01')).toBe('signing');
    expect(stateOn(terms, signed(), '2026-02-09')).toBe('signing');
  });
  it('art. 5 : in force from the last signature of the same version', () => {
    const s = snapshotOn(terms, signed(), '2026-02-10');
    expect(s.state).toBe('in_force');
    expect(s.inForceFrom).toBe('2026-02-10');
    expect(s.lastDayInForce).toBe('2029-02-09');
    expect(s.bindingVersion).toBe(1);
  });
  it('art. 5 : expired the day after the last day in force', () => {
    expect(stateOn(terms, signed(), '2029-02-09')).toBe('in_force');
    const s = snapshotOn(terms, signed(), '2029-02-10');
    expect(s.state).toBe('expired');
    expect(s.endedOn).toBe('2029-02-10');
  });
  it('art. 5 : signatures of different versions do not bring it into force', () => {
    const h = [
      v1(),
      approve('A', '2026-02-01'),
      ev({ type: 'version_proposed', on: '2026-02-03', version: 2, hash: 'h2', organisationId: 'B' }),
    ];
    expect(stateOn(terms, h, '2026-02-03')).toBe('draft');
    h.push(approve('B', '2026-02-04', 2));
    expect(stateOn(terms, h, '2026-02-04')).toBe('signing');
    h.push(approve('A', '2026-02-06', 2));
    const s = snapshotOn(terms, h, '2026-02-06');
    expect(s.state).toBe('in_force');
    expect(s.inForceFrom).toBe('2026-02-06');
    expect(s.bindingVersion).toBe(2);
  });
  it('a paper signature dated before the text was uploaded counts from its date', () => {
    const h = [
      ev({ type: 'version_proposed', on: '2026-11-26', version: 1, hash: 'h1', organisationId: null }),
      approve('A', '2025-07-04'),
      approve('B', '2025-07-04'),
    ];
    const s = snapshotOn(terms, h, '2026-11-26');
    expect(s.inForceFrom).toBe('2025-07-04');
    expect(s.lastDayInForce).toBe('2028-07-03');
    expect(stateOn(terms, h, '2025-07-03')).toBe('draft');
    expect(stateOn(terms, h, '2025-07-04')).toBe('in_force');
  });
  it('art. 6 : an amendment binds only once every party approved that exact version', () => {
    const h = [
      ...signed(),
      ev({ type: 'version_proposed', on: '2026-05-01', version: 2, hash: 'h2', organisationId: 'A' }),
      approve('A', '2026-05-02', 2),
    ];
    let s = snapshotOn(terms, h, '2026-05-02');
    expect(s.state).toBe('in_force');
    expect(s.bindingVersion).toBe(1);
    expect(s.currentVersion).toBe(2);
    h.push(approve('B', '2026-05-03', 2));
    s = snapshotOn(terms, h, '2026-05-03');
    expect(s.bindingVersion).toBe(2);
    expect(s.inForceFrom).toBe('2026-02-10');
  });
  it('refuses an approval by an organisation that is not a party', () => {
    expect(refusal(() => snapshotOn(terms, [v1(), approve('Z', '2026-02-01')], '2026-02-02'))).toBe(
      'not_a_party',
    );
  });
  it('refuses the same party approving the same version twice', () => {
    const h = [v1(), approve('A', '2026-02-01'), approve('A', '2026-02-02')];
    expect(refusal(() => snapshotOn(terms, h, '2026-02-03'))).toBe('already_approved');
  });
  it('refuses an approval whose hash does not match the version', () => {
    const h = [v1(), approve('A', '2026-02-01', 1, 'other')];
    expect(refusal(() => snapshotOn(terms, h, '2026-02-03'))).toBe('unknown_version');
  });
});

describe('art. 5 : withdrawal (dénonciation)', () => {
  it('in force through the end of the notice, withdrawn from the next day', () => {
    const h = [...signed(), ev({ type: 'withdrawal_notified', on: '2027-01-31', organisationId: 'B' })];
    const s = snapshotOn(terms, h, '2027-02-28');
    expect(s.state).toBe('in_force');
    expect(s.withdrawal).toEqual({
      organisationId: 'B',
      notifiedOn: '2027-01-31',
      effectiveOn: '2027-02-28',
    });
    expect(s.lastDayInForce).toBe('2027-02-28');
    const after = snapshotOn(terms, h, '2027-03-01');
    expect(after.state).toBe('withdrawn');
    expect(after.endedOn).toBe('2027-03-01');
  });
  it('the withdrawal is not visible before its notification date', () => {
    const h = [...signed(), ev({ type: 'withdrawal_notified', on: '2027-01-31', organisationId: 'B' })];
    const s = snapshotOn(terms, h, '2027-01-30');
    expect(s.withdrawal).toBeNull();
    expect(s.lastDayInForce).toBe('2029-02-09');
  });
  it('a notice running past the term: the agreement expires at its term', () => {
    const h = [...signed(), ev({ type: 'withdrawal_notified', on: '2029-01-20', organisationId: 'A' })];
    expect(snapshotOn(terms, h, '2029-02-10').state).toBe('expired');
  });
  it('refuses a second withdrawal', () => {
    const h = [
      ...signed(),
      ev({ type: 'withdrawal_notified', on: '2027-01-31', organisationId: 'B' }),
      ev({ type: 'withdrawal_notified', on: '2027-02-01', organisationId: 'A' }),
    ];
    expect(refusal(() => snapshotOn(terms, h, '2027-02-02'))).toBe('withdrawal_already_notified');
  });
  it('refuses a withdrawal while still signing', () => {
    const h = [v1(), approve('A', '2026-02-01')];
    const e: NewAgreementEvent = { type: 'withdrawal_notified', on: '2026-02-02', organisationId: 'A' };
    expect(refusal(() => checkNewEvent(terms, h, e, '2026-02-02'))).toBe('not_allowed_in_state');
  });
  it('refuses a withdrawal after the agreement expired', () => {
    const e: NewAgreementEvent = { type: 'withdrawal_notified', on: '2029-03-01', organisationId: 'A' };
    expect(refusal(() => checkNewEvent(terms, signed(), e, '2029-03-01'))).toBe('not_allowed_in_state');
  });
});

describe('art. 5–6 : history entered after the fact (a paper agreement entered today)', () => {
  // The text is recorded today (2026-11-29); the signatures, the withdrawal and its end are past.
  const today = '2026-11-29';
  const paper = () => [v1(today), approve('A', '2025-07-04'), approve('B', '2025-07-04')];
  it('past-dated signatures bring it into force on the last signature, whatever the text’s recording date', () => {
    const s = snapshotOn(terms, paper(), today);
    expect(s.state).toBe('in_force');
    expect(s.inForceFrom).toBe('2025-07-04');
    expect(s.termLastDay).toBe('2028-07-03');
    expect(s.bindingVersion).toBe(1);
  });
  it('art. 5 : a withdrawal notified in the past whose notice has ended is accepted: withdrawn since the day after', () => {
    // DOMAIN.md worked example: notified 2026-01-31 → in force through 2026-02-28.
    const e: NewAgreementEvent = { type: 'withdrawal_notified', on: '2026-01-31', organisationId: 'B' };
    const { atEvent, after } = checkNewEvent(terms, paper(), e, today);
    expect(atEvent.state).toBe('in_force');
    expect(after.state).toBe('withdrawn');
    expect(after.withdrawal?.effectiveOn).toBe('2026-02-28');
    expect(after.endedOn).toBe('2026-03-01');
    expect(stateOn(terms, [...paper(), ev(e)], '2026-02-28')).toBe('in_force');
  });
  it('the signatures may be entered after the withdrawal, in any order, with the same result', () => {
    const h = [
      v1(today),
      ev({ type: 'withdrawal_notified', on: '2026-03-15', organisationId: 'A' }),
      approve('B', '2025-07-04'),
    ];
    // The withdrawal before the agreement is in force is refused until the signatures exist…
    expect(refusal(() => snapshotOn(terms, h, today))).toBe('not_allowed_in_state');
    // …and accepted once they do (DOMAIN.md: notified 2026-03-15 → in force through 2026-04-15).
    const e: NewAgreementEvent = {
      type: 'approved',
      on: '2025-07-01',
      version: 1,
      hash: 'h1',
      organisationId: 'A',
    };
    const { after } = checkNewEvent(terms, h, e, today);
    expect(after.state).toBe('withdrawn');
    expect(after.lastDayInForce).toBe('2026-04-15');
  });
  it('art. 7 : a past formal notice, then a termination requested after the delay, both in the past', () => {
    const h = [
      ...paper(),
      ev({
        type: 'formal_notice_sent',
        on: '2026-01-05',
        noticeId: 'n1',
        fromOrganisationId: 'A',
        toOrganisationId: 'B',
        letterReference: 'LR 1',
      }),
    ];
    const e: NewAgreementEvent = {
      type: 'termination_requested',
      on: '2026-01-20',
      noticeId: 'n1',
      organisationId: 'A',
    };
    const { after } = checkNewEvent(terms, h, e, today);
    expect(after.state).toBe('terminated');
    expect(after.termination?.on).toBe('2026-01-20');
  });
  it('still refuses an inconsistent history: a withdrawal after the past end of the agreement', () => {
    const h = [...paper(), ev({ type: 'withdrawal_notified', on: '2026-01-31', organisationId: 'B' })];
    const e: NewAgreementEvent = { type: 'withdrawal_notified', on: '2026-06-01', organisationId: 'A' };
    expect(refusal(() => checkNewEvent(terms, h, e, today))).toBe('not_allowed_in_state');
  });
  it('a new text (another version) is still refused once the agreement has ended', () => {
    const h = [...paper(), ev({ type: 'withdrawal_notified', on: '2026-01-31', organisationId: 'B' })];
    const e: NewAgreementEvent = {
      type: 'version_proposed',
      on: today,
      version: 2,
      hash: 'h2',
      organisationId: 'A',
    };
    expect(refusal(() => checkNewEvent(terms, h, e, today))).toBe('not_allowed_in_state');
  });
});

describe('art. 7 : formal notice and termination', () => {
  const notice = (on = '2026-03-10', id = 'n1') =>
    ev({
      type: 'formal_notice_sent',
      on,
      noticeId: id,
      fromOrganisationId: 'A',
      toOrganisationId: 'B',
      letterReference: '1A 234 567 8901 2',
    });
  it('records the notice; termination available from the sending date + 15 days', () => {
    const s = snapshotOn(terms, [...signed(), notice()], '2026-03-10');
    expect(s.formalNotices).toEqual([
      expect.objectContaining({
        id: 'n1',
        sentOn: '2026-03-10',
        terminationAvailableFrom: '2026-03-25',
        status: 'open',
      }),
    ]);
    expect(s.state).toBe('in_force');
  });
  it('refuses termination before day 15', () => {
    const e: NewAgreementEvent = {
      type: 'termination_requested',
      on: '2026-03-24',
      noticeId: 'n1',
      organisationId: 'A',
    };
    expect(refusal(() => checkNewEvent(terms, [...signed(), notice()], e, '2026-03-24'))).toBe(
      'termination_too_early',
    );
  });
  it('terminated at once from day 15 on the request of the sender', () => {
    const h = [
      ...signed(),
      notice(),
      ev({ type: 'termination_requested', on: '2026-03-25', noticeId: 'n1', organisationId: 'A' }),
    ];
    expect(stateOn(terms, h, '2026-03-24')).toBe('in_force');
    const s = snapshotOn(terms, h, '2026-03-25');
    expect(s.state).toBe('terminated');
    expect(s.lastDayInForce).toBe('2026-03-24');
    expect(s.formalNotices[0].status).toBe('termination_requested');
  });
  it('only the party that sent the notice may request termination', () => {
    const e: NewAgreementEvent = {
      type: 'termination_requested',
      on: '2026-03-26',
      noticeId: 'n1',
      organisationId: 'B',
    };
    expect(refusal(() => checkNewEvent(terms, [...signed(), notice()], e, '2026-03-26'))).toBe(
      'not_the_sender',
    );
  });
  it('a remedied breach closes the notice: no termination on it', () => {
    const h = [
      ...signed(),
      notice(),
      ev({ type: 'formal_notice_remedied', on: '2026-03-20', noticeId: 'n1' }),
    ];
    expect(snapshotOn(terms, h, '2026-03-20').formalNotices[0]).toMatchObject({
      status: 'remedied',
      closedOn: '2026-03-20',
    });
    const e: NewAgreementEvent = {
      type: 'termination_requested',
      on: '2026-03-26',
      noticeId: 'n1',
      organisationId: 'A',
    };
    expect(refusal(() => checkNewEvent(terms, h, e, '2026-03-26'))).toBe('formal_notice_closed');
  });
  it('a party cannot put itself on notice', () => {
    const e: NewAgreementEvent = {
      type: 'formal_notice_sent',
      on: '2026-03-10',
      noticeId: 'x',
      fromOrganisationId: 'A',
      toOrganisationId: 'A',
      letterReference: 'r',
    };
    expect(refusal(() => checkNewEvent(terms, signed(), e, '2026-03-10'))).toBe('same_party');
  });
  it('unknown notice is refused', () => {
    const e: NewAgreementEvent = { type: 'formal_notice_remedied', on: '2026-03-10', noticeId: 'nope' };
    expect(refusal(() => checkNewEvent(terms, signed(), e, '2026-03-10'))).toBe('unknown_formal_notice');
  });
  it('automatic termination by law is effective at once, with its legal ground', () => {
    const h = [
      ...signed(),
      ev({ type: 'automatic_termination', on: '2027-01-01', legalGround: 'Loi n° 2026-1' }),
    ];
    expect(stateOn(terms, h, '2026-12-31')).toBe('in_force');
    const s = snapshotOn(terms, h, '2027-01-01');
    expect(s.state).toBe('terminated');
    expect(s.termination).toEqual({ on: '2027-01-01', kind: 'automatic', legalGround: 'Loi n° 2026-1' });
  });
  it('a new event dated before a later one must still fit the whole history', () => {
    const h = [...signed(), ev({ type: 'automatic_termination', on: '2027-01-01', legalGround: 'Loi' })];
    const e: NewAgreementEvent = { type: 'withdrawal_notified', on: '2027-02-01', organisationId: 'A' };
    expect(refusal(() => checkNewEvent(terms, h, e, '2027-02-01'))).toBe('not_allowed_in_state');
  });
});

describe('art. 8 : disputes', () => {
  it('moves amicable → mediation → arbitration → settled, recording each stage', () => {
    const h = [
      ...signed(),
      ev({ type: 'dispute_opened', on: '2026-06-01', disputeId: 'd1', subject: 'Retard' }),
      ev({ type: 'dispute_advanced', on: '2026-07-01', disputeId: 'd1', stage: 'mediation' }),
      ev({ type: 'dispute_advanced', on: '2026-08-01', disputeId: 'd1', stage: 'arbitration' }),
      ev({ type: 'dispute_advanced', on: '2026-09-01', disputeId: 'd1', stage: 'settled' }),
    ];
    expect(snapshotOn(terms, h, '2026-07-15').disputes[0].stage).toBe('mediation');
    const d = snapshotOn(terms, h, '2026-09-01').disputes[0];
    expect(d.stage).toBe('settled');
    expect(d.stages.map((x) => x.stage)).toEqual(['amicable', 'mediation', 'arbitration', 'settled']);
  });
  it('refuses going back', () => {
    const h = [
      ...signed(),
      ev({ type: 'dispute_opened', on: '2026-06-01', disputeId: 'd1', subject: 'Retard' }),
      ev({ type: 'dispute_advanced', on: '2026-07-01', disputeId: 'd1', stage: 'arbitration' }),
    ];
    const e: NewAgreementEvent = {
      type: 'dispute_advanced',
      on: '2026-07-02',
      disputeId: 'd1',
      stage: 'mediation',
    };
    expect(refusal(() => checkNewEvent(terms, h, e, '2026-07-02'))).toBe('dispute_transition');
  });
  it('a dispute may be opened after the agreement ended', () => {
    const e: NewAgreementEvent = {
      type: 'dispute_opened',
      on: '2029-06-01',
      disputeId: 'd2',
      subject: 'Bilan',
    };
    expect(checkNewEvent(terms, signed(), e, '2029-06-01').after.state).toBe('expired');
  });
  it('no dispute on a draft', () => {
    const e: NewAgreementEvent = { type: 'dispute_opened', on: '2026-01-06', disputeId: 'd3', subject: 'x' };
    expect(refusal(() => checkNewEvent(terms, [v1()], e, '2026-01-06'))).toBe('not_allowed_in_state');
  });
});

describe('next deadlines', () => {
  it('lists expiry, notice end and termination availability, soonest first', () => {
    const h = [
      ...signed(),
      ev({ type: 'withdrawal_notified', on: '2027-01-31', organisationId: 'B' }),
      ev({
        type: 'formal_notice_sent',
        on: '2027-02-01',
        noticeId: 'n',
        fromOrganisationId: 'A',
        toOrganisationId: 'B',
        letterReference: 'r',
      }),
    ];
    const s = snapshotOn(terms, h, '2027-02-02');
    expect(nextDeadlines(s, '2027-02-02', { roadmapDueOn: '2027-02-10' })).toEqual([
      { kind: 'roadmap_due', on: '2027-02-10' },
      { kind: 'termination_available', on: '2027-02-16', refId: 'n' },
      { kind: 'withdrawal_effective', on: '2027-02-28' },
    ]);
  });
  it('none once the agreement has ended', () => {
    expect(nextDeadlines(snapshotOn(terms, signed(), '2030-01-01'), '2030-01-01')).toEqual([]);
  });
});
