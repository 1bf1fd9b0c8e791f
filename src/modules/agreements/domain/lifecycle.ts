/**
 * The lifecycle of a convention (DOMAIN.md §"Lifecycle of a convention", art. 5–8) as
 * explicit transition tables, and the state as a function of the history and a date:
 * `stateOn(terms, history, on)` replays the events dated on or before `on`, in date order,
 * through the tables, letting time end the term or a withdrawal notice between events.
 * Pure: no I/O, no clock.
 */
import {
  addDays,
  agreementEnd,
  type EndCandidate,
  entryIntoForce,
  type IsoDate,
  lastDayInForce,
  terminationAvailableFrom,
  terminationEnd,
  withdrawalNoticeEnd,
} from './dates.js';

export const AGREEMENT_STATES = [
  'draft',
  'signing',
  'in_force',
  'withdrawn',
  'terminated',
  'expired',
] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export const FORMAL_NOTICE_STATES = ['open', 'remedied', 'termination_requested'] as const;
export type FormalNoticeState = (typeof FORMAL_NOTICE_STATES)[number];

export const DISPUTE_STAGES = ['amicable', 'mediation', 'arbitration', 'settled'] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];

/** What moves an agreement: recorded events, and time (end of the term, end of a notice). */
export type Trigger =
  | 'version_proposed'
  | 'approved'
  | 'withdrawal_notified'
  | 'formal_notice_sent'
  | 'formal_notice_remedied'
  | 'termination_requested'
  | 'automatic_termination'
  | 'dispute_opened'
  | 'dispute_advanced'
  | 'term_ended'
  | 'notice_ended';

/**
 * The transition table of the agreement: for each state, the triggers it accepts and the
 * states they may lead to. A trigger missing from a state's row is refused.
 */
export const AGREEMENT_TRANSITIONS: Record<AgreementState, Partial<Record<Trigger, AgreementState[]>>> = {
  draft: {
    version_proposed: ['draft'],
    // Art. 5 : the first approval starts the signing; the last one of the same version brings it into force.
    approved: ['signing', 'in_force'],
  },
  signing: {
    // A new text while signing: approvals of the old one no longer count for it.
    version_proposed: ['draft'],
    approved: ['signing', 'in_force'],
  },
  in_force: {
    // Art. 6 : an amendment is proposed and approved while the binding version stays in force.
    version_proposed: ['in_force'],
    approved: ['in_force'],
    // Art. 5 : the notice runs; the agreement stays in force through its last day.
    withdrawal_notified: ['in_force'],
    notice_ended: ['withdrawn'],
    term_ended: ['expired'],
    // Art. 7 : formal notice, then termination from day D; automatic termination at once.
    formal_notice_sent: ['in_force'],
    formal_notice_remedied: ['in_force'],
    termination_requested: ['terminated'],
    automatic_termination: ['terminated'],
    // Art. 8 : disputes.
    dispute_opened: ['in_force'],
    dispute_advanced: ['in_force'],
  },
  withdrawn: { dispute_opened: ['withdrawn'], dispute_advanced: ['withdrawn'] },
  terminated: { dispute_opened: ['terminated'], dispute_advanced: ['terminated'] },
  expired: { dispute_opened: ['expired'], dispute_advanced: ['expired'] },
};

/** Art. 7 : a formal notice is open until the breach is remedied or termination is requested. */
export const FORMAL_NOTICE_TRANSITIONS: Record<FormalNoticeState, FormalNoticeState[]> = {
  open: ['remedied', 'termination_requested'],
  remedied: [],
  termination_requested: [],
};

/** Art. 8 : amicable settlement first, in particular mediation or arbitration, until settled. */
export const DISPUTE_TRANSITIONS: Record<DisputeStage, DisputeStage[]> = {
  amicable: ['mediation', 'arbitration', 'settled'],
  mediation: ['arbitration', 'settled'],
  arbitration: ['settled'],
  settled: [],
};

export type TransitionErrorCode =
  | 'not_allowed_in_state'
  | 'not_a_party'
  | 'stale_version'
  | 'unknown_version'
  | 'already_approved'
  | 'withdrawal_already_notified'
  | 'same_party'
  | 'unknown_formal_notice'
  | 'formal_notice_closed'
  | 'termination_too_early'
  | 'not_the_sender'
  | 'unknown_dispute'
  | 'dispute_transition';

/** A refused transition; operations turn it into a 409 with this French message. */
export class TransitionError extends Error {
  constructor(
    readonly code: TransitionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransitionError';
  }
}

const STATE_FR: Record<AgreementState, string> = {
  draft: 'en projet',
  signing: 'en cours de signature',
  in_force: 'en vigueur',
  withdrawn: 'dénoncée',
  terminated: 'résiliée',
  expired: 'arrivée à échéance',
};

/** Checks the table; returns the allowed targets or throws. */
export function allowedTargets(state: AgreementState, trigger: Trigger): AgreementState[] {
  const targets = AGREEMENT_TRANSITIONS[state][trigger];
  if (!targets) {
    throw new TransitionError(
      'not_allowed_in_state',
      `Action impossible : la convention est ${STATE_FR[state]} à cette date.`,
    );
  }
  return targets;
}

function move(state: AgreementState, trigger: Trigger, to: AgreementState): AgreementState {
  if (!allowedTargets(state, trigger).includes(to)) {
    /* c8 ignore next */
    throw new Error(`Transition ${state} --${trigger}--> ${to} is not in the table`);
  }
  return to;
}

export function canFormalNoticeMove(from: FormalNoticeState, to: FormalNoticeState): boolean {
  return FORMAL_NOTICE_TRANSITIONS[from].includes(to);
}

export function canDisputeMove(from: DisputeStage, to: DisputeStage): boolean {
  return DISPUTE_TRANSITIONS[from].includes(to);
}

/** The numbers of an agreement (art. 5, 7), overridable per agreement. */
export interface AgreementTerms {
  partyIds: string[];
  termYears: number;
  withdrawalNoticeMonths: number;
  formalNoticeDays: number;
}

/** One recorded event of the history. `on` is its calendar date; `seq` orders same-day events. */
export type AgreementEvent = { seq: number; on: IsoDate } & (
  | { type: 'version_proposed'; version: number; hash: string; organisationId: string | null }
  | { type: 'approved'; version: number; hash: string; organisationId: string }
  | { type: 'withdrawal_notified'; organisationId: string }
  | {
      type: 'formal_notice_sent';
      noticeId: string;
      fromOrganisationId: string;
      toOrganisationId: string;
      letterReference: string;
    }
  | { type: 'formal_notice_remedied'; noticeId: string }
  | { type: 'termination_requested'; noticeId: string; organisationId: string }
  | { type: 'automatic_termination'; legalGround: string }
  | { type: 'dispute_opened'; disputeId: string; subject: string }
  | { type: 'dispute_advanced'; disputeId: string; stage: DisputeStage }
);

export type NewAgreementEvent = AgreementEvent extends infer E
  ? E extends AgreementEvent
    ? Omit<E, 'seq'>
    : never
  : never;

export interface FormalNoticeView {
  id: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  letterReference: string;
  sentOn: IsoDate;
  terminationAvailableFrom: IsoDate;
  status: FormalNoticeState;
  closedOn: IsoDate | null;
}

export interface DisputeView {
  id: string;
  subject: string;
  openedOn: IsoDate;
  stage: DisputeStage;
  stages: { stage: DisputeStage; on: IsoDate }[];
}

export interface Snapshot {
  state: AgreementState;
  /** The highest version number known on that date. */
  currentVersion: number | null;
  versions: Map<number, { hash: string; approvals: Map<string, IsoDate> }>;
  inForceFrom: IsoDate | null;
  /** The version that binds the parties: the latest one every party approved. */
  bindingVersion: number | null;
  /** Last day of the term (art. 5), before any early end. */
  termLastDay: IsoDate | null;
  /** Last day in force: the earliest of the ends known on that date. */
  lastDayInForce: IsoDate | null;
  withdrawal: { organisationId: string; notifiedOn: IsoDate; effectiveOn: IsoDate } | null;
  formalNotices: FormalNoticeView[];
  disputes: DisputeView[];
  termination: { on: IsoDate; kind: 'formal_notice' | 'automatic'; legalGround: string | null } | null;
  /** The date the final state began (day after the last day in force), when ended. */
  endedOn: IsoDate | null;
}

const emptySnapshot = (): Snapshot => ({
  state: 'draft',
  currentVersion: null,
  versions: new Map(),
  inForceFrom: null,
  bindingVersion: null,
  termLastDay: null,
  lastDayInForce: null,
  withdrawal: null,
  formalNotices: [],
  disputes: [],
  termination: null,
  endedOn: null,
});

const ordered = (events: AgreementEvent[]) =>
  [...events].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.seq - b.seq));

function endCandidates(s: Snapshot): EndCandidate[] {
  const out: EndCandidate[] = [];
  if (s.termLastDay) out.push({ reason: 'expired', lastDayInForce: s.termLastDay });
  if (s.withdrawal) out.push({ reason: 'withdrawn', lastDayInForce: s.withdrawal.effectiveOn });
  if (s.termination) out.push(terminationEnd(s.termination.on));
  return out;
}

/** Lets time pass up to `date`: the end of the term or of a withdrawal notice. */
function advanceTime(s: Snapshot, date: IsoDate) {
  if (s.state !== 'in_force') return;
  const end = agreementEnd(endCandidates(s));
  if (end && date > end.lastDayInForce) {
    if (end.reason === 'expired') s.state = move(s.state, 'term_ended', 'expired');
    else if (end.reason === 'withdrawn') s.state = move(s.state, 'notice_ended', 'withdrawn');
    s.endedOn = addDays(end.lastDayInForce, 1);
  }
}

function refreshLastDay(s: Snapshot) {
  const end = agreementEnd(endCandidates(s));
  s.lastDayInForce = end?.lastDayInForce ?? null;
}

function isParty(terms: AgreementTerms, orgId: string) {
  if (!terms.partyIds.includes(orgId)) {
    throw new TransitionError('not_a_party', "Cette organisation n'est pas partie à la convention.");
  }
}

/** Applies one event to the snapshot through the tables (throws TransitionError when refused). */
export function apply(terms: AgreementTerms, s: Snapshot, e: AgreementEvent | NewAgreementEvent): void {
  switch (e.type) {
    case 'version_proposed': {
      // History entered after the fact (art. 5–6): a paper agreement entered today has its
      // text recorded today, but its signatures (and perhaps its withdrawal or termination)
      // are dated earlier and already made that version known. Recording the text of a
      // version the parties already signed changes no state, whatever the state that day.
      const known = s.versions.get(e.version);
      if (known && known.hash === e.hash && known.approvals.size > 0) return;
      allowedTargets(s.state, 'version_proposed');
      if (!s.versions.has(e.version)) s.versions.set(e.version, { hash: e.hash, approvals: new Map() });
      if (s.currentVersion === null || e.version > s.currentVersion) {
        s.currentVersion = e.version;
        if (s.state === 'signing') s.state = move(s.state, 'version_proposed', 'draft');
      }
      return;
    }
    case 'approved': {
      allowedTargets(s.state, 'approved');
      isParty(terms, e.organisationId);
      let v = s.versions.get(e.version);
      if (!v) {
        // A signed paper copy may predate the upload of the text: the approval makes it known.
        v = { hash: e.hash, approvals: new Map() };
        s.versions.set(e.version, v);
      }
      if (v.hash !== e.hash) {
        throw new TransitionError('unknown_version', 'Cette empreinte ne correspond à aucune version.');
      }
      if (v.approvals.has(e.organisationId)) {
        throw new TransitionError('already_approved', 'Cette partie a déjà approuvé cette version.');
      }
      if (s.currentVersion === null || e.version > s.currentVersion) s.currentVersion = e.version;
      v.approvals.set(e.organisationId, e.on);
      const complete = entryIntoForce(terms.partyIds, v.approvals);
      if (s.state === 'in_force') {
        if (complete && (s.bindingVersion === null || e.version > s.bindingVersion))
          s.bindingVersion = e.version;
        return;
      }
      if (complete) {
        s.state = move(s.state, 'approved', 'in_force');
        s.inForceFrom = complete;
        s.bindingVersion = e.version;
        s.termLastDay = lastDayInForce(complete, terms.termYears);
        refreshLastDay(s);
      } else {
        s.state = move(s.state, 'approved', 'signing');
      }
      return;
    }
    case 'withdrawal_notified': {
      allowedTargets(s.state, 'withdrawal_notified');
      isParty(terms, e.organisationId);
      if (s.withdrawal) {
        throw new TransitionError(
          'withdrawal_already_notified',
          'Une dénonciation a déjà été notifiée pour cette convention.',
        );
      }
      s.withdrawal = {
        organisationId: e.organisationId,
        notifiedOn: e.on,
        effectiveOn: withdrawalNoticeEnd(e.on, terms.withdrawalNoticeMonths),
      };
      refreshLastDay(s);
      return;
    }
    case 'formal_notice_sent': {
      allowedTargets(s.state, 'formal_notice_sent');
      isParty(terms, e.fromOrganisationId);
      isParty(terms, e.toOrganisationId);
      if (e.fromOrganisationId === e.toOrganisationId) {
        throw new TransitionError('same_party', 'Une partie ne peut pas se mettre elle-même en demeure.');
      }
      s.formalNotices.push({
        id: e.noticeId,
        fromOrganisationId: e.fromOrganisationId,
        toOrganisationId: e.toOrganisationId,
        letterReference: e.letterReference,
        sentOn: e.on,
        terminationAvailableFrom: terminationAvailableFrom(e.on, terms.formalNoticeDays),
        status: 'open',
        closedOn: null,
      });
      return;
    }
    case 'formal_notice_remedied': {
      allowedTargets(s.state, 'formal_notice_remedied');
      const n = openNotice(s, e.noticeId, 'remedied');
      n.status = 'remedied';
      n.closedOn = e.on;
      return;
    }
    case 'termination_requested': {
      allowedTargets(s.state, 'termination_requested');
      const n = openNotice(s, e.noticeId, 'termination_requested');
      if (n.fromOrganisationId !== e.organisationId) {
        throw new TransitionError(
          'not_the_sender',
          'Seule la partie qui a envoyé la mise en demeure peut demander la résiliation.',
        );
      }
      if (e.on < n.terminationAvailableFrom) {
        throw new TransitionError(
          'termination_too_early',
          `La résiliation ne peut être demandée qu'à partir du ${n.terminationAvailableFrom} (art. 7).`,
        );
      }
      n.status = 'termination_requested';
      n.closedOn = e.on;
      s.termination = { on: e.on, kind: 'formal_notice', legalGround: null };
      s.state = move(s.state, 'termination_requested', 'terminated');
      s.endedOn = e.on;
      refreshLastDay(s);
      return;
    }
    case 'automatic_termination': {
      allowedTargets(s.state, 'automatic_termination');
      s.termination = { on: e.on, kind: 'automatic', legalGround: e.legalGround };
      s.state = move(s.state, 'automatic_termination', 'terminated');
      s.endedOn = e.on;
      refreshLastDay(s);
      return;
    }
    case 'dispute_opened': {
      allowedTargets(s.state, 'dispute_opened');
      s.disputes.push({
        id: e.disputeId,
        subject: e.subject,
        openedOn: e.on,
        stage: 'amicable',
        stages: [{ stage: 'amicable', on: e.on }],
      });
      return;
    }
    case 'dispute_advanced': {
      allowedTargets(s.state, 'dispute_advanced');
      const d = s.disputes.find((x) => x.id === e.disputeId);
      if (!d) throw new TransitionError('unknown_dispute', 'Ce litige est introuvable.');
      if (!canDisputeMove(d.stage, e.stage)) {
        throw new TransitionError(
          'dispute_transition',
          `Un litige ne peut pas passer de l'étape « ${d.stage} » à « ${e.stage} ».`,
        );
      }
      d.stage = e.stage;
      d.stages.push({ stage: e.stage, on: e.on });
      return;
    }
  }
}

function openNotice(s: Snapshot, id: string, to: FormalNoticeState): FormalNoticeView {
  const n = s.formalNotices.find((x) => x.id === id);
  if (!n) throw new TransitionError('unknown_formal_notice', 'Cette mise en demeure est introuvable.');
  if (!canFormalNoticeMove(n.status, to)) {
    throw new TransitionError('formal_notice_closed', 'Cette mise en demeure est déjà close.');
  }
  return n;
}

/** The whole snapshot of an agreement on a date: replay of the history up to that date. */
export function snapshotOn(terms: AgreementTerms, history: AgreementEvent[], on: IsoDate): Snapshot {
  const s = emptySnapshot();
  for (const e of ordered(history)) {
    if (e.on > on) break;
    advanceTime(s, e.on);
    apply(terms, s, e);
  }
  advanceTime(s, on);
  return s;
}

/** The state of an agreement on a date: a function of its history and the date. */
export function stateOn(terms: AgreementTerms, history: AgreementEvent[], on: IsoDate): AgreementState {
  return snapshotOn(terms, history, on).state;
}

/**
 * Checks that a new event fits the history: the whole history with the event is replayed
 * up to `until` (today), so an event that would contradict a later one is refused too.
 * Returns the snapshot on the event's date and on `until`.
 */
export function checkNewEvent(
  terms: AgreementTerms,
  history: AgreementEvent[],
  event: NewAgreementEvent,
  until: IsoDate,
): { atEvent: Snapshot; after: Snapshot } {
  const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
  const withEvent = [...history, { ...event, seq } as AgreementEvent];
  const atEvent = snapshotOn(terms, withEvent, event.on);
  const after = snapshotOn(terms, withEvent, until > event.on ? until : event.on);
  return { atEvent, after };
}

export interface Deadline {
  kind: 'expiry' | 'withdrawal_effective' | 'termination_available' | 'roadmap_due' | 'annual_meeting_due';
  on: IsoDate;
  /** The formal notice concerned, for termination_available. */
  refId?: string;
}

/** The dates ahead of an agreement, from `today`, soonest first. */
export function nextDeadlines(
  s: Snapshot,
  today: IsoDate,
  extra: { roadmapDueOn?: IsoDate | null; meetingDueOn?: IsoDate | null } = {},
): Deadline[] {
  if (s.state !== 'in_force') return [];
  const out: Deadline[] = [];
  if (s.termLastDay) out.push({ kind: 'expiry', on: s.termLastDay });
  if (s.withdrawal) out.push({ kind: 'withdrawal_effective', on: s.withdrawal.effectiveOn });
  for (const n of s.formalNotices) {
    if (n.status === 'open')
      out.push({ kind: 'termination_available', on: n.terminationAvailableFrom, refId: n.id });
  }
  if (extra.roadmapDueOn) out.push({ kind: 'roadmap_due', on: extra.roadmapDueOn });
  if (extra.meetingDueOn) out.push({ kind: 'annual_meeting_due', on: extra.meetingDueOn });
  const limit = s.lastDayInForce;
  return out
    .filter((d) => d.on >= today && (!limit || d.kind === 'termination_available' || d.on <= limit))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}
