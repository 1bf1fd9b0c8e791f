/**
 * Lifecycles of events and registrations as explicit transition tables (issue 13;
 * convention art. 3 : temps d'échanges, webinaires, présentations croisées). Pure: no I/O.
 */
export const EVENT_KINDS = [
  'webinaire',
  'rencontre',
  'reunion',
  'formation',
  'presentation_croisee',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const AUDIENCES = ['both', 'unml', 'cuf', 'region'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const NETWORKS = ['unml', 'cuf'] as const;
export type Network = (typeof NETWORKS)[number];

export const EVENT_STATES = ['scheduled', 'held', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export type EventTrigger = 'update' | 'cancel' | 'record_outcome' | 'register';

/** For each state, what may happen to an event and the state it leads to. */
export const EVENT_TRANSITIONS: Record<EventState, Partial<Record<EventTrigger, EventState>>> = {
  scheduled: { update: 'scheduled', cancel: 'cancelled', record_outcome: 'held', register: 'scheduled' },
  // After the event: attendance, slides, replay and summary may be completed again.
  held: { record_outcome: 'held' },
  cancelled: {},
};

export const REGISTRATION_STATES = ['pending_email', 'confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
export type RegistrationTrigger = 'email_confirmed_seat' | 'email_confirmed_full' | 'promote' | 'cancel';

/** The registration table: a guest confirms the e-mail first; a full event puts people on the waiting list. */
export const REGISTRATION_TRANSITIONS: Record<
  RegistrationState,
  Partial<Record<RegistrationTrigger, RegistrationState>>
> = {
  pending_email: {
    email_confirmed_seat: 'confirmed',
    email_confirmed_full: 'waitlisted',
    cancel: 'cancelled',
  },
  confirmed: { cancel: 'cancelled' },
  waitlisted: { promote: 'confirmed', cancel: 'cancelled' },
  cancelled: {},
};

export class TransitionError extends Error {}

export function nextEventState(from: EventState, trigger: EventTrigger): EventState {
  const to = EVENT_TRANSITIONS[from][trigger];
  if (!to) throw new TransitionError(eventRefusal(from, trigger));
  return to;
}

function eventRefusal(from: EventState, trigger: EventTrigger): string {
  if (from === 'cancelled') return 'Cet événement est annulé : il ne peut plus changer.';
  if (trigger === 'register') return 'Les inscriptions sont closes : l’événement a eu lieu.';
  return 'L’événement a eu lieu : il ne peut plus être modifié ni annulé.';
}

export function nextRegistrationState(
  from: RegistrationState,
  trigger: RegistrationTrigger,
): RegistrationState {
  const to = REGISTRATION_TRANSITIONS[from][trigger];
  if (!to)
    throw new TransitionError(
      from === 'cancelled'
        ? 'Cette inscription est déjà annulée.'
        : 'Cette inscription ne peut pas changer ainsi.',
    );
  return to;
}

/**
 * Where a new (e-mail-confirmed) registration goes: a seat while the confirmed count is
 * below the capacity, else the waiting list. No capacity: always a seat.
 */
export function seatOrWaitlist(capacity: number | null, confirmed: number): 'confirmed' | 'waitlisted' {
  return capacity === null || confirmed < capacity ? 'confirmed' : 'waitlisted';
}

/**
 * Who is promoted when seats free up: the earliest requests on the waiting list, as many
 * as there are free seats (all of them when there is no capacity any more).
 */
export function promotions<T extends { requestedAt: Date | string; id: string }>(
  capacity: number | null,
  confirmed: number,
  waitlist: T[],
): T[] {
  const sorted = [...waitlist].sort(
    (a, b) =>
      new Date(a.requestedAt).getTime() - new Date(b.requestedAt).getTime() || a.id.localeCompare(b.id),
  );
  if (capacity === null) return sorted;
  return sorted.slice(0, Math.max(0, capacity - confirmed));
}

/** Reminders: D-7 and D-1 before the start, counted in whole days of 24 hours. */
export const REMINDERS = [
  { kind: 'd7', days: 7 },
  { kind: 'd1', days: 1 },
] as const;
export type ReminderKind = (typeof REMINDERS)[number]['kind'];

/**
 * The reminder due at `now` for an event starting at `startsAt`: the closest one whose
 * moment (start minus N days) has passed, if the event has not started. A registration
 * made 3 days before gets only the D-1 reminder; one made 6 hours before gets none.
 */
export function dueReminders(startsAt: Date, now: Date, registeredAt: Date): ReminderKind[] {
  if (now >= startsAt) return [];
  const due: ReminderKind[] = [];
  for (const r of REMINDERS) {
    const at = new Date(startsAt.getTime() - r.days * 86_400_000);
    if (now >= at && registeredAt < at) due.push(r.kind);
  }
  // Only the latest reminder due matters: a late run does not send D-7 on the eve.
  return due.slice(-1);
}

/** A valid IANA zone name, as Intl knows it. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(tz);
  } catch {
    return false;
  }
}

/** Zones offered in forms: metropolitan France and the overseas where organisers are. */
export const TIME_ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Pacific/Wallis',
] as const;
