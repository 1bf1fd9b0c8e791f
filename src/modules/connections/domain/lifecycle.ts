/**
 * Lifecycle of a connection request (convention art. 3: "faciliter la mise en lien et la
 * prise de contact"), as an explicit transition table. Pure: no I/O.
 *
 *   pending ──accept──▶ accepted      (the receiver, before the request expires)
 *   pending ──decline─▶ declined      (the receiver, with a reason, before it expires)
 *   pending ──expire──▶ expired       (the system, 30 days after the request)
 *   pending ──remind──▶ pending       (the system, once, 7 days after the request)
 */
export type ConnectionStatus = 'pending' | 'accepted' | 'declined' | 'expired';
export type ConnectionEvent = 'accept' | 'decline' | 'expire' | 'remind';

export const EXPIRY_DAYS = 30;
export const REMINDER_DAYS = 7;
const DAY = 86_400_000;

export const TRANSITIONS: Record<ConnectionStatus, Partial<Record<ConnectionEvent, ConnectionStatus>>> = {
  pending: { accept: 'accepted', decline: 'declined', expire: 'expired', remind: 'pending' },
  accepted: {},
  declined: {},
  expired: {},
};

export interface ConnectionState {
  status: ConnectionStatus;
  createdAt: Date;
  expiresAt: Date;
  remindedAt: Date | null;
}

export type TransitionResult = { ok: true; to: ConnectionStatus } | { ok: false; message: string };

export const expiryOf = (createdAt: Date) => new Date(createdAt.getTime() + EXPIRY_DAYS * DAY);
export const reminderDueAt = (createdAt: Date) => new Date(createdAt.getTime() + REMINDER_DAYS * DAY);

const ANSWERED: Record<ConnectionStatus, string> = {
  pending: '',
  accepted: 'Cette demande a déjà été acceptée : il n’y a plus rien à répondre.',
  declined: 'Cette demande a déjà été déclinée : il n’y a plus rien à répondre.',
  expired: 'Cette demande a expiré sans réponse : l’organisation peut en envoyer une nouvelle.',
};

/** Whether `event` may happen to a request in `s` at `now`, and the state it leads to. */
export function transition(s: ConnectionState, event: ConnectionEvent, now: Date): TransitionResult {
  const to = TRANSITIONS[s.status][event];
  if (!to) {
    return { ok: false, message: ANSWERED[s.status] || 'Cette action n’est pas possible.' };
  }
  const expired = now.getTime() >= s.expiresAt.getTime();
  switch (event) {
    case 'accept':
    case 'decline':
      if (expired) return { ok: false, message: ANSWERED.expired };
      return { ok: true, to };
    case 'expire':
      if (!expired) return { ok: false, message: 'Cette demande n’a pas encore atteint ses 30 jours.' };
      return { ok: true, to };
    case 'remind':
      if (s.remindedAt) return { ok: false, message: 'Le rappel a déjà été envoyé.' };
      if (expired) return { ok: false, message: ANSWERED.expired };
      if (now.getTime() < reminderDueAt(s.createdAt).getTime())
        return { ok: false, message: 'Le rappel part 7 jours après la demande.' };
      return { ok: true, to };
  }
}
